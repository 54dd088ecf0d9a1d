// « Vu » marks: which sessions this learner has gone through, kept in this browser only
// (localStorage: no server, nothing sent). Without JavaScript, nothing of it shows.
(function () {
  "use strict";
  var PREFIX = "trainkit:vu:";
  function store() {
    try { return window.localStorage; } catch (e) { return null; }  // storage blocked: no marks, no error
  }
  function seen(key) {
    var s = store();
    return !!(s && s.getItem(PREFIX + key));
  }
  function setSeen(key, value) {
    var s = store();
    if (!s) return;
    try {
      if (value) s.setItem(PREFIX + key, new Date().toISOString().slice(0, 10));
      else s.removeItem(PREFIX + key);
    } catch (e) { /* storage full or refused: the mark simply does not stick */ }
  }
  function refreshMarks() {
    document.querySelectorAll("[data-tk-seen-mark]").forEach(function (mark) {
      mark.hidden = !seen(mark.getAttribute("data-tk-seen-mark"));
    });
  }
  function setUp() {
    document.querySelectorAll("[data-tk-seen]").forEach(function (box) {
      var key = box.getAttribute("data-tk-seen");
      var button = box.querySelector("button");
      if (!button || !store()) return;
      function show() {
        var on = seen(key);
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? "✓ Séquence vue" : "Marquer comme vue";
        button.title = on ? "Retirer la marque « vue »" : "Garder la trace de cette séquence dans ce navigateur";
      }
      button.addEventListener("click", function () {
        setSeen(key, !seen(key));
        show();
        refreshMarks();
      });
      show();
      box.hidden = false;
    });
    refreshMarks();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
