/* A list setting's page (C-02): each row gets 上移 / 下移 / 删除 buttons and 添加一项 adds a blank row.
   Without this script the page still works: blank rows add items and a tick removes one. */
(function () {
  var list = document.getElementById("list-editor");
  if (!list) return;
  var add = document.createElement("button"), holder = document.createElement("p");
  add.type = "button"; add.id = "list-add"; add.textContent = list.dataset.labelAdd;
  holder.appendChild(add);
  list.parentNode.insertBefore(holder, list.nextSibling);
  function renumber() {  // a row's remove box carries its position, as the server reads it
    Array.prototype.forEach.call(list.querySelectorAll("li.list-row"), function (row, i) {
      var box = row.querySelector("input[name=item_remove]");
      if (box) box.value = String(i);
    });
  }
  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button"; b.textContent = label; b.dataset.action = action; b.className = "small";
    return b;
  }
  function enhance(row) {
    var remove = row.querySelector(".list-remove");
    if (remove) remove.style.display = "none";
    row.appendChild(button(list.dataset.labelUp, "up"));
    row.appendChild(button(list.dataset.labelDown, "down"));
    row.appendChild(button(list.dataset.labelRemove, "remove"));
  }
  Array.prototype.forEach.call(list.querySelectorAll("li.list-row"), enhance);
  list.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-action]");
    if (!b) return;
    var row = b.closest("li.list-row");
    if (b.dataset.action === "up" && row.previousElementSibling) list.insertBefore(row, row.previousElementSibling);
    if (b.dataset.action === "down" && row.nextElementSibling) list.insertBefore(row.nextElementSibling, row);
    if (b.dataset.action === "remove") row.parentNode.removeChild(row);
    renumber();
  });
  add.addEventListener("click", function () {
    var template = list.querySelector("li.list-row"), row;
    if (!template) return;
    row = template.cloneNode(true);
    row.classList.remove("error");
    Array.prototype.forEach.call(row.querySelectorAll("span.error"), function (s) { s.parentNode.removeChild(s); });
    row.querySelector("input[name=item_code]").value = "";
    var name = row.querySelector("input[name=item_name]");
    name.value = ""; name.removeAttribute("aria-invalid");
    var box = row.querySelector("input[name=item_remove]");
    if (box) box.checked = false;
    list.appendChild(row);
    renumber();
    name.focus();
  });
})();
