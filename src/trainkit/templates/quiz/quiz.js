/* trainkit: scores an evaluation form in the browser. Shared by the site and the SCORM packages.
 *
 * The page holds no answer in clear: each accepted response is a salted SHA-256 key, and
 * feedback is XOR-masked; the script hashes what the learner chose. A determined learner can
 * still try a question's few possible responses against the keys: a page that scores itself
 * cannot hide its answers from its reader. For stakes, Moodle's own quiz (trainkit export
 * --format moodle-xml) keeps the answers on the server.
 *
 * The evaluation's policy is read from the form: data-graded, data-pass-mark, data-attempts
 * (validations allowed, "" for no limit), data-corrections (apres-chaque-question,
 * apres-validation, apres-derniere-tentative, jamais). A validation locks the answers; a new
 * attempt, when allowed, starts from blank answers. An empty form is not scored, an
 * incomplete one only once the learner confirms.
 *
 * After scoring, the form dispatches "trainkit:quiz-scored" with
 * {quiz, kind, graded, score, max, percent (2 decimals), scaled (4 decimals), passMark, passed,
 *  attempt, attemptsLeft, answers: [{id, type, interaction, response, result, objectives}]}.
 * trainkitQuiz.restore(form, {attempts, responses}) puts a saved state back (SCORM resume).
 */
(function () {
  "use strict";

  // SHA-256 on bytes. WebCrypto's digest exists only in secure contexts, and a training
  // body's intranet may serve the site over plain HTTP: this small version works everywhere.
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);

  function sha256(bytes) {
    var length = bytes.length, padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var bits = length * 8, view = new DataView(padded.buffer);
    view.setUint32(padded.length - 4, bits >>> 0);
    view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
    var h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    var w = new Uint32Array(64);
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
      for (i = 16; i < 64; i++) {
        var a = w[i - 15], b = w[i - 2];
        var s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
        var s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      var A = h[0], B = h[1], C = h[2], D = h[3], E = h[4], F = h[5], G = h[6], H = h[7];
      for (i = 0; i < 64; i++) {
        var S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
        var t1 = (H + S1 + ((E & F) ^ (~E & G)) + K[i] + w[i]) >>> 0;
        var S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
        var t2 = (S0 + ((A & B) ^ (A & C) ^ (B & C))) >>> 0;
        H = G; G = F; F = E; E = (D + t1) >>> 0; D = C; C = B; B = A; A = (t1 + t2) >>> 0;
      }
      h[0] += A; h[1] += B; h[2] += C; h[3] += D; h[4] += E; h[5] += F; h[6] += G; h[7] += H;
    }
    var out = new Uint8Array(32), outView = new DataView(out.buffer);
    for (i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]);
    return out;
  }

  var encoder = new TextEncoder(), decoder = new TextDecoder();

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
  }

  function key(salt, question, response) {
    return hex(sha256(encoder.encode(salt + "|" + question + "|" + response))).slice(0, 32);
  }

  function unmask(salt, question, data) {
    if (!data) return "";
    var mask = sha256(encoder.encode(salt + "|" + question + "|feedback"));
    var raw = atob(data), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i) ^ mask[i % 32];
    return decoder.decode(bytes);
  }

  function normalise(text) {
    return text.replace(/[\u2019\u2018\u02bc`\u00b4]/g, "'").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x00-\x7f]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  }

  /* The learner's response in the canonical form of trainkit.views.quiz ("" when unanswered). */
  function responseOf(fieldset) {
    var type = fieldset.dataset.type, values;
    if (type === "choix-unique" || type === "vrai-faux") {
      var checked = fieldset.querySelector("input:checked");
      return checked ? checked.value : "";
    }
    if (type === "choix-multiple") {
      values = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (i) { return i.value; });
      return values.sort().join(",");
    }
    if (type === "appariement") {
      var selects = Array.prototype.slice.call(fieldset.querySelectorAll("select"));
      if (selects.some(function (s) { return !s.value; })) return "";
      return selects.map(function (s) { return s.dataset.left + "." + s.value; }).join(",");
    }
    if (type === "ordre") {
      var positions = Array.prototype.map.call(fieldset.querySelectorAll("select"), function (s) {
        return [parseInt(s.value, 10), s.dataset.item];
      });
      if (positions.some(function (p) { return isNaN(p[0]); })) return "";
      positions.sort(function (a, b) { return a[0] - b[0]; });
      return positions.map(function (p) { return p[1]; }).join(",");
    }
    if (type === "reponse-courte") return normalise(fieldset.querySelector("input").value);
    return "";
  }

  function judge(form, fieldset, response) {
    var salt = form.dataset.salt, question = fieldset.dataset.question;
    var keys = (fieldset.dataset.keys || "").split(" ");
    return response !== "" && keys.indexOf(key(salt, question, response)) >= 0;
  }

  function feedbackOf(form, fieldset, ok) {
    var messages = JSON.parse(unmask(form.dataset.salt, fieldset.dataset.question, fieldset.dataset.feedback) || "{}");
    return (ok ? messages.correct : messages.incorrect) || "";
  }

  /* Puts a canonical response back into the question's controls (the inverse of responseOf). */
  function setResponse(fieldset, response) {
    var type = fieldset.dataset.type, parts = response ? response.split(",") : [];
    if (type === "choix-unique" || type === "vrai-faux" || type === "choix-multiple") {
      fieldset.querySelectorAll("input").forEach(function (input) { input.checked = parts.indexOf(input.value) >= 0; });
    } else if (type === "appariement") {
      parts.forEach(function (pair) {
        var ends = pair.split("."), select = fieldset.querySelector('select[data-left="' + ends[0] + '"]');
        if (select) select.value = ends[1];
      });
    } else if (type === "ordre") {
      parts.forEach(function (item, position) {
        var select = fieldset.querySelector('select[data-item="' + item + '"]');
        if (select) select.value = String(position + 1);
      });
    } else if (type === "reponse-courte") {
      fieldset.querySelector("input").value = response;
    }
  }

  function questions(form) { return Array.prototype.slice.call(form.querySelectorAll(".trainkit-question")); }

  function lock(element, locked) {
    element.querySelectorAll("input, select, [data-quiz-action=check]").forEach(function (control) { control.disabled = locked; });
  }

  function attemptsAllowed(form) {
    var allowed = parseInt(form.dataset.attempts, 10);
    return isNaN(allowed) ? Infinity : allowed;
  }

  function french(number) { return String(number).replace(".", ","); }

  function showCorrection(form, fieldset, ok, response) {
    fieldset.classList.toggle("trainkit-question--correct", ok);
    fieldset.classList.toggle("trainkit-question--incorrect", !ok);
    var head = ok ? "Bonne réponse." : (response === "" ? "Sans réponse." : "Réponse incorrecte.");
    fieldset.querySelector(".trainkit-feedback").innerHTML =
      "<p><strong>" + head + "</strong></p>" + feedbackOf(form, fieldset, ok);
  }

  function clearCorrections(form) {
    questions(form).forEach(function (fieldset) {
      fieldset.classList.remove("trainkit-question--correct", "trainkit-question--incorrect");
      fieldset.querySelector(".trainkit-feedback").innerHTML = "";
    });
  }

  /* Whether the corrections are shown now: a policy, and for "after the last attempt", no attempt left. */
  function correctionsDue(form) {
    var policy = form.dataset.corrections;
    if (policy === "jamais") return false;
    if (policy === "apres-derniere-tentative") return state(form).closed;
    return true;
  }

  function state(form) {
    if (!form.trainkitState) form.trainkitState = { attempts: 0, closed: false, verdicts: null };
    return form.trainkitState;
  }

  function message(form, html) {
    var result = form.querySelector(".trainkit-quiz__result");
    result.innerHTML = html;
    result.focus();
  }

  /* Scores the form as it stands; `silent` (a restored state) shows the result without reporting it again. */
  function score(form, silent) {
    var current = state(form), answers = [];
    questions(form).forEach(function (fieldset) {
      var response = responseOf(fieldset), ok = judge(form, fieldset, response);
      answers.push({ id: fieldset.dataset.question, type: fieldset.dataset.type,
                     interaction: fieldset.dataset.interaction, response: response, result: ok,
                     objectives: (fieldset.dataset.objectives || "").split(" ").filter(Boolean) });
    });
    if (!silent) current.attempts += 1;
    var left = attemptsAllowed(form) - current.attempts;
    if (left <= 0) current.closed = true;
    current.verdicts = answers;
    var result = resultOf(form, answers, left);
    lock(form, true);
    form.querySelector("button[type=submit]").disabled = true;
    render(form, answers, result);
    var detail = { quiz: form.dataset.quiz, kind: form.dataset.kind, graded: result.passMark !== null,
                   score: result.points, max: result.max, percent: result.percent, scaled: result.scaled,
                   passMark: result.passMark, passed: result.passed, attempt: current.attempts,
                   attemptsLeft: left === Infinity ? null : Math.max(0, left), answers: answers };
    if (!silent) form.dispatchEvent(new CustomEvent("trainkit:quiz-scored", { detail: detail, bubbles: true }));
    return detail;
  }

  /* The score of `answers`: two decimals, and pass or fail on the exact ratio (16/23 is 69.57 %, below a
   * 70 % pass mark); passMark and passed are null for an ungraded evaluation. */
  function resultOf(form, answers, left) {
    var points = answers.filter(function (a) { return a.result; }).length, max = answers.length;
    var graded = form.dataset.graded === "true";
    var passMark = graded ? parseInt(form.dataset.passMark, 10) : null;
    return { points: points, max: max, left: left,
             percent: max ? Math.round((points * 10000) / max) / 100 : 0,
             scaled: max ? Math.round((points * 10000) / max) / 10000 : 0,
             passMark: passMark, passed: graded ? points * 100 >= passMark * max : null };
  }

  function render(form, answers, result) {
    var current = state(form), shown = correctionsDue(form);
    clearCorrections(form);
    if (shown) {
      questions(form).forEach(function (fieldset, i) { showCorrection(form, fieldset, answers[i].result, answers[i].response); });
    }
    var text = result.passMark !== null
      ? "<strong>Votre score : " + result.points + " / " + result.max + " (" + french(result.percent) + " %)</strong> — " +
        (result.passed ? "évaluation réussie." : "seuil de réussite de " + result.passMark + " % non atteint.")
      : "<strong>Votre résultat : " + result.points + " bonne" + (result.points > 1 ? "s" : "") + " réponse" +
        (result.points > 1 ? "s" : "") + " sur " + result.max + ".</strong>";
    var more = "";
    if (!current.closed && result.left !== Infinity) {
      more = " Il vous reste " + result.left + " tentative" + (result.left > 1 ? "s" : "") + ".";
    }
    if (!shown && form.dataset.corrections === "apres-derniere-tentative") {
      more += " La correction sera affichée après votre dernière tentative.";
    }
    message(form, "<p>" + text + more + "</p>");
    form.querySelector("[data-quiz-action=retry]").hidden = current.closed;
    // Nothing left to validate: the button goes (it stays, disabled, while a new attempt is possible).
    form.querySelector("button[type=submit]").hidden = current.closed;
    // No limit on attempts, corrections at the end: the learner says when the end is.
    form.querySelector("[data-quiz-action=reveal]").hidden = current.closed ||
      form.dataset.corrections !== "apres-derniere-tentative" || attemptsAllowed(form) !== Infinity;
  }

  function submit(form, confirmed) {
    var current = state(form);
    if (current.closed || form.querySelector("button[type=submit]").disabled) return;
    var missing = [];
    questions(form).forEach(function (fieldset, i) { if (responseOf(fieldset) === "") missing.push(i + 1); });
    var confirm = form.querySelector(".trainkit-quiz__confirm");
    if (missing.length === questions(form).length) {
      confirm.hidden = true;
      message(form, "<p><strong>Aucune réponse donnée.</strong> Répondez aux questions avant de valider : " +
                    "rien n'a été enregistré.</p>");
      return;
    }
    if (missing.length && !confirmed) {
      confirm.querySelector("[data-confirm-text]").textContent =
        (missing.length > 1 ? missing.length + " questions sont sans réponse (questions " + missing.join(", ") + ")"
                            : "La question " + missing[0] + " est sans réponse") +
        " : une question sans réponse compte comme fausse, et vous ne pourrez plus modifier vos réponses après la validation.";
      confirm.hidden = false;
      confirm.querySelector("[data-quiz-action=cancel]").focus();
      return;
    }
    confirm.hidden = true;
    score(form, false);
  }

  function retry(form) {
    var current = state(form);
    if (current.closed) return;
    form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (input) { input.checked = false; });
    form.querySelectorAll("select, input[type=text]").forEach(function (control) { control.value = ""; });
    clearCorrections(form);
    lock(form, false);
    form.querySelector("button[type=submit]").disabled = false;
    form.querySelector("button[type=submit]").hidden = false;
    form.querySelector("[data-quiz-action=retry]").hidden = true;
    form.querySelector("[data-quiz-action=reveal]").hidden = true;
    form.querySelector(".trainkit-quiz__result").innerHTML = "";
    var first = form.querySelector("input, select");
    if (first) first.focus();
  }

  /* "Voir la correction": ends an evaluation without a limit on attempts, then shows the corrections. */
  function closeAndCorrect(form, silent) {
    var current = state(form);
    if (!current.verdicts) return;
    current.closed = true;
    if (!silent) form.dispatchEvent(new CustomEvent("trainkit:quiz-closed", { detail: { quiz: form.dataset.quiz }, bubbles: true }));
    render(form, current.verdicts, resultOf(form, current.verdicts, 0));
  }

  /* "Vérifier ma réponse" (corrections after each question): that question is corrected and locked, and
   * the form says so ("trainkit:quiz-checked"), so that an LMS keeps it locked after a relaunch. */
  function check(form, fieldset, silent) {
    var response = responseOf(fieldset), box = fieldset.querySelector(".trainkit-feedback");
    if (response === "") {
      box.innerHTML = "<p>Répondez d'abord à la question.</p>";
      return;
    }
    showCorrection(form, fieldset, judge(form, fieldset, response), response);
    lock(fieldset, true);
    if (silent) return;
    box.setAttribute("tabindex", "-1");
    box.focus(); // the button that had the focus is now disabled
    form.dispatchEvent(new CustomEvent("trainkit:quiz-checked", {
      detail: { quiz: form.dataset.quiz, question: fieldset.dataset.question, response: response }, bubbles: true }));
  }

  /* A state saved by the LMS: {attempts: validations made, closed, responses: {question id: response},
   * checked: {question id: response} (questions corrected one by one)}. Without the responses (too long
   * to be kept), a validated evaluation is only locked: re-scoring blank answers would show a false result. */
  function restore(form, saved) {
    if (!saved) return;
    questions(form).forEach(function (fieldset) {
      var response = (saved.checked || {})[fieldset.dataset.question];
      if (response !== undefined && !saved.attempts) {
        setResponse(fieldset, response);
        check(form, fieldset, true);
      }
    });
    if (!saved.attempts) return;
    var current = state(form);
    current.attempts = saved.attempts;
    if (!saved.responses) {
      current.closed = current.closed || !!saved.closed || saved.attempts >= attemptsAllowed(form);
      lock(form, true);
      form.querySelector("button[type=submit]").hidden = current.closed;
      form.querySelector("button[type=submit]").disabled = current.closed;
      message(form, "<p><strong>Vous avez déjà validé cette évaluation</strong> : votre résultat est enregistré dans la plateforme.</p>");
      return;
    }
    questions(form).forEach(function (fieldset) {
      var response = saved.responses[fieldset.dataset.question];
      if (response !== undefined) setResponse(fieldset, response);
    });
    score(form, true);
    if (saved.closed && !current.closed) closeAndCorrect(form, true);
  }

  function setUp(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    form.addEventListener("submit", function (event) { event.preventDefault(); submit(form, false); });
    // Enter in a typed answer would validate the whole evaluation, maybe half-typed: it does nothing.
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.matches && event.target.matches("input[type=text]")) event.preventDefault();
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-quiz-action]");
      if (!button || button.disabled) return;
      var action = button.dataset.quizAction;
      if (action === "confirm") submit(form, true);
      else if (action === "cancel") {
        form.querySelector(".trainkit-quiz__confirm").hidden = true;
        var blank = questions(form).filter(function (f) { return responseOf(f) === ""; })[0];
        if (blank) { blank.scrollIntoView(); var control = blank.querySelector("input, select"); if (control) control.focus(); }
      } else if (action === "retry") retry(form);
      else if (action === "reveal") closeAndCorrect(form);
      else if (action === "check") check(form, button.closest(".trainkit-question"));
    });
  }

  function setUpAll() { document.querySelectorAll("form.trainkit-quiz").forEach(setUp); }

  window.trainkitQuiz = { submit: submit, restore: restore, responseOf: responseOf, key: key, sha256: sha256, hex: hex };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
  // Material's instant navigation swaps pages without reloading scripts.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUpAll);
})();
