/* trainkit serve only: shows the curriculum's problems over the last good page, as text (never as HTML). */
(function () {
  "use strict";
  var root = document.querySelector("script[src$='preview.js']");
  var base = root ? root.src.replace(/assets\/trainkit\/preview\.js.*$/, "") : "/";
  fetch(base + "trainkit-apercu.json", { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : { problems: [] }; })
    .then(function (status) {
      if (!status.problems || !status.problems.length) { return; }
      var box = document.createElement("div");
      box.id = "trainkit-apercu-erreurs";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:1000;max-height:50vh;" +
        "overflow:auto;background:#fff5f5;color:#5c0b0b;border:2px solid #b3261e;border-radius:6px;" +
        "padding:.8rem 1rem;font:14px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)";
      var title = document.createElement("strong");
      title.textContent = "Le curriculum a " + status.problems.length + " erreur" +
        (status.problems.length > 1 ? "s" : "") + " : l'aperçu montre la dernière version valide.";
      box.appendChild(title);
      var list = document.createElement("ul");
      list.style.margin = ".4rem 0 0";
      status.problems.forEach(function (problem) {
        var item = document.createElement("li");
        var where = document.createElement("code");
        where.textContent = problem.where;
        item.appendChild(where);
        item.appendChild(document.createTextNode(" — " + problem.message + (problem.hint ? " (" + problem.hint + ")" : "")));
        list.appendChild(item);
      });
      box.appendChild(list);
      document.body.appendChild(box);
    })
    .catch(function () { /* no status: nothing to show */ });
})();
