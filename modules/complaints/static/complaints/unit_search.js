/* Register form: search a unit or resident as one types; picking fills the caller's name and phone. */
(function () {
  var box = document.querySelector(".autocomplete");
  if (!box || !box.dataset.url || !window.fetch) return;  // no search: a plain text field
  var input = box.querySelector("input[name=unit_query]"), hidden = box.querySelector("input[name=household_id]");
  var list = box.querySelector(".suggestions"), picked = box.querySelector(".picked"), timer = null;
  var nameInput = document.querySelector("input[name=complainant_name]"), phoneInput = document.querySelector("input[name=complainant_phone]");
  function flatten(items) {  // one suggestion per resident: picking fills the caller's name and phone
    var out = [];
    items.forEach(function (item) {
      if (box.dataset.kind !== "households") {
        out.push({id: item.household, unit: item.unit || "", name: item.name || "", phone: item.phone || ""});
        return;
      }
      var people = item.residents && item.residents.length ? item.residents : [{name: item.name, phone: ""}];
      people.forEach(function (r) { out.push({id: item.id, unit: item.unit || "", name: r.name || "", phone: r.phone || ""}); });
    });
    return out;
  }
  function show(items) {
    list.innerHTML = "";
    flatten(items).slice(0, 10).forEach(function (it) {
      var li = document.createElement("li");
      li.textContent = it.unit + " " + it.name + " " + it.phone;
      li.tabIndex = 0;
      li.onclick = li.onkeydown = function (e) {
        if (e.type === "keydown" && e.key !== "Enter") return;
        e.preventDefault();
        hidden.value = it.id; input.value = it.unit; picked.textContent = "✓ " + it.unit + " " + it.name;
        if (nameInput && !nameInput.value) nameInput.value = it.name;
        if (phoneInput && !phoneInput.value) phoneInput.value = it.phone;
        list.hidden = true;
      };
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }
  input.addEventListener("input", function () {
    hidden.value = ""; picked.textContent = "";
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { list.hidden = true; return; }
    timer = setTimeout(function () {
      fetch(box.dataset.url + "?q=" + encodeURIComponent(q), {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) { show(Array.isArray(data) ? data : (data.results || [])); })
        .catch(function () { list.hidden = true; });
    }, 250);
  });
})();
