// trainkit's own behaviour on the site, on top of the theme's:
// - « vu » marks: which sessions this learner has gone through, kept in this browser only
//   (localStorage: no server, nothing sent). Without JavaScript, nothing of it shows.
// - search snippets that start at the matching sentence, not at the top of the section.
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
  // A result's text is the whole section, clamped to a few lines by the theme: the words found
  // are often past the cut, or only in a section folded under « N de plus sur cette page ». Each
  // result shows the sentence that holds the first word found, from its own text or its page's.
  var LEAD = 60;  // characters of context kept before that sentence, at most
  function trimmed(block) {
    // A copy of `block` (a paragraph or a list item) starting at the sentence of its first <mark>.
    var copy = document.createElement("p");
    copy.className = "tk-snippet";
    copy.innerHTML = block.innerHTML;
    var mark = copy.querySelector("mark");
    var before = "", node, nodes = [];
    for (node = copy.firstChild; node && node !== mark && !node.contains(mark); node = node.nextSibling) {
      nodes.push(node);
      before += node.textContent;
    }
    if (before.length <= LEAD) return copy;
    var sentence = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\u00a0: "), before.lastIndexOf(" : "));
    var cut = sentence >= 0 && before.length - sentence <= 2 * LEAD ? sentence + 2 : before.length - LEAD;
    var space = before.indexOf(" ", cut);
    if (space >= 0 && space < before.length - 1) cut = space + 1;
    var removed = 0;
    nodes.forEach(function (child) {
      var length = child.textContent.length;
      if (removed + length <= cut) copy.removeChild(child);
      else if (removed < cut) {
        if (child.nodeType === Node.TEXT_NODE) child.textContent = child.textContent.slice(cut - removed);
        else copy.removeChild(child);  // an element cut in two: dropped rather than broken
      }
      removed += length;
    });
    copy.insertBefore(document.createTextNode("… "), copy.firstChild);
    return copy;
  }
  function firstMarked(article) {
    // The first paragraph or list item of a result's text holding a word found in its own text
    // (a list item without the sub-list it heads).
    var blocks = article.querySelectorAll("p:not(.md-search-result__terms), li");
    for (var i = 0; i < blocks.length; i++) {
      var own = blocks[i].cloneNode(true);
      own.querySelectorAll("ul, ol").forEach(function (list) { list.remove(); });
      if (own.querySelector("mark")) return own;
    }
    return null;
  }
  function snippets(item) {
    if (item.hasAttribute("data-tk-snippet")) return;
    item.setAttribute("data-tk-snippet", "");
    var articles = item.querySelectorAll("article.md-search-result__article");
    articles.forEach(function (article, index) {
      var found = firstMarked(article);
      if (!found && index === 0) {  // the page's result: take the first section that holds a word found
        for (var j = 1; j < articles.length && !found; j++) found = firstMarked(articles[j]);
      }
      if (!found) return;
      var text = article.querySelectorAll(":scope > p:not(.md-search-result__terms), :scope > ul, :scope > ol");
      var snippet = trimmed(found);
      if (text.length) {
        article.replaceChild(snippet, text[0]);
        for (var k = 1; k < text.length; k++) article.removeChild(text[k]);
      } else {
        var heading = article.querySelector("h1, h2");
        article.insertBefore(snippet, heading ? heading.nextSibling : null);
      }
    });
  }
  function watchSearch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || !window.MutationObserver) return;
    new MutationObserver(function () {
      list.querySelectorAll(":scope > .md-search-result__item").forEach(snippets);
    }).observe(list, { childList: true });
  }

  function start() {
    setUp();
    watchSearch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
