/* Office search box: as one types, suggest matching offices (name and slug) from the office search API.
   Without this script the input is a plain text field and the server matches the text itself. */
(function () {
  document.querySelectorAll("input[data-search-url]").forEach(function (input) {
    if (!window.fetch) return;
    var list = document.createElement("datalist"), timer = null;
    list.id = input.id + "-offices";
    input.setAttribute("list", list.id);
    input.parentNode.appendChild(list);
    function show(items) {
      list.innerHTML = "";
      items.forEach(function (office) {
        var option = document.createElement("option");
        option.value = office.slug;
        option.label = office.name;
        option.textContent = office.name;
        list.appendChild(option);
      });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { show([]); return; }
      timer = setTimeout(function () {
        fetch(input.dataset.searchUrl + "?page_size=20&q=" + encodeURIComponent(q),
              {credentials: "same-origin", headers: {"Accept": "application/json"}})
          .then(function (r) { return r.ok ? r.json() : {results: []}; })
          .then(function (data) { show(data.results || []); })
          .catch(function () { show([]); });
      }, 200);
    });
  });
})();
