/* 登记投诉 (P-02): look a household up as one types — part of a unit (「1栋」, 「1栋-2」), a resident's name,
   a phone or its last digits. Picking one fills the caller's name and phone (when empty) and shows the
   household's earlier complaints beside the form. Without script the 查找住户 button does the same by posting. */
(function () {
  "use strict";
  var box = document.querySelector(".autocomplete");
  if (!box || !box.dataset.url || !window.fetch) return;
  var MAX = 64, LIMIT = 20, WAIT = 250;
  var input = box.querySelector("input[name=unit_query]");
  var hidden = box.querySelector("input[type=hidden][name=household_id]");
  var list = box.querySelector(".suggestions"), picked = box.querySelector(".picked");
  var slot = document.querySelector(".unit-history-slot");
  var nameInput = document.querySelector("input[name=complainant_name]");
  var phoneInput = document.querySelector("input[name=complainant_phone]");
  var timer = null, seq = 0, items = [], active = -1;
  if (!input || !hidden) return;  // the no-script choice list is on the page: leave it alone
  list.id = list.id || "unit-suggestions";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  function digits(s) { return (s || "").replace(/\D/g, ""); }
  function bestResident(h, q) {  // the person the lookup matched, else the first one
    var people = h.residents || [], d = digits(q);
    for (var i = 0; i < people.length; i++) {
      var p = people[i], pd = digits(p.phone);
      if ((p.name && q && p.name.indexOf(q) === 0) ||
          (d.length >= 4 && (pd.indexOf(d) === 0 || pd.slice(-d.length) === d))) return p;
    }
    return people[0] || {name: "", phone: ""};
  }
  function normalize(data) {  // the residents search gives households; the residents list gives people
    var rows = Array.isArray(data) ? data : (data.results || []);
    if (box.dataset.kind === "households") return rows;
    return rows.map(function (r) {
      return {id: r.household, unit: r.unit || "", name: r.household_name || "", residents: [{name: r.name, phone: r.phone}]};
    });
  }
  function close() { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }
  function highlight(i) {
    var lis = list.querySelectorAll("li");
    active = i;
    for (var k = 0; k < lis.length; k++) lis[k].setAttribute("aria-selected", k === i ? "true" : "false");
    if (lis[i]) lis[i].scrollIntoView({block: "nearest"});
  }
  function showHistory(id) {
    if (!slot || !box.dataset.history) return;
    if (!id) { slot.textContent = ""; return; }
    fetch(box.dataset.history + "?household=" + encodeURIComponent(id),
          {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (hidden.value === String(id)) slot.innerHTML = html; })  // escaped by the server
      .catch(function () { slot.textContent = ""; });
  }
  function choose(h) {
    var who = bestResident(h, input.value.trim());
    hidden.value = h.id;
    input.value = h.unit;
    picked.textContent = "✓ " + h.unit + " " + (h.name || "") + (who.name && who.name !== h.name ? "（" + who.name + "）" : "");
    if (nameInput && !nameInput.value) nameInput.value = who.name || "";
    if (phoneInput && !phoneInput.value) phoneInput.value = who.phone || "";
    close();
    showHistory(h.id);
  }
  function show(rows, q) {
    items = rows.slice(0, LIMIT);
    list.innerHTML = "";
    items.forEach(function (h, i) {
      var li = document.createElement("li"), people = (h.residents || []).map(function (r) {
        return r.name + (r.phone ? " " + r.phone : "");
      }).join("、");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.appendChild(document.createTextNode(h.unit + " " + (h.name || "") + " "));
      var small = document.createElement("span");
      small.className = "muted";
      small.textContent = people;
      li.appendChild(small);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(h); });
      list.appendChild(li);
    });
    if (!items.length) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = box.dataset.empty || "—";
      list.appendChild(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }
  function search() {
    var q = input.value.trim().slice(0, MAX), mine = ++seq;
    if (!q) { close(); return; }
    fetch(box.dataset.url + "?q=" + encodeURIComponent(q), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {results: []}; })
      .then(function (data) { if (mine === seq) show(normalize(data), q); })  // an older answer never wins
      .catch(close);
  }
  input.setAttribute("maxlength", String(MAX));
  input.addEventListener("input", function () {
    if (hidden.value) { hidden.value = ""; picked.textContent = ""; showHistory(null); }
    clearTimeout(timer);
    timer = setTimeout(search, WAIT);
  });
  input.addEventListener("keydown", function (e) {
    if (list.hidden || !items.length) return;
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(items[active]); }
    else if (e.key === "Escape") { close(); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
