/* The customer's signature on a canvas, into the hidden field before it (complaints/_signature.html). */
(function () {
  var box = document.currentScript.previousElementSibling, canvas = box.querySelector("canvas");
  var hidden = box.querySelector("input[name='" + box.dataset.target + "']"), ctx = canvas.getContext("2d");
  var drawing = false, inked = false;
  ctx.lineWidth = 2; ctx.lineCap = "round"; ctx.strokeStyle = "#000";
  function pos(e) {
    var r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
  }
  canvas.addEventListener("pointerdown", function (e) {
    drawing = true; var p = pos(e); ctx.beginPath(); ctx.moveTo(p[0], p[1]);
    if (canvas.setPointerCapture) canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!drawing) return; var p = pos(e); ctx.lineTo(p[0], p[1]); ctx.stroke(); inked = true;
  });
  function end() { if (drawing && inked) hidden.value = canvas.toDataURL("image/png"); drawing = false; }
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointerleave", end);
  box.querySelector(".clear").addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height); hidden.value = ""; inked = false;
  });
})();
