// Logging without a signal. On every page: registers the service worker (sw.js), which keeps pages for offline use.
// On the log page, with no connection, a set is kept on this device (IndexedDB) instead of posted, listed as
// waiting, and sent to POST /api/v1/log once the connection is back. Each set carries an Idempotency-Key, so a
// send the server got but whose answer was lost is never stored twice: a random one made when it was kept, or, for
// a set the service worker kept after its form post failed, the key that post carried (the form's `key`).
// With a connection the form posts as it always does: nothing here touches it, and the page works without this file.
// The service worker loads this file too (importScripts), for the store alone: a set whose post fails there is
// kept the same way.
(function (scope) {
  "use strict";

  var DB_NAME = "liftlore";
  var STORE = "waiting-sets";

  function openStore() {
    return new Promise(function (resolve, reject) {
      var opening = scope.indexedDB.open(DB_NAME, 1);
      opening.onupgradeneeded = function () { opening.result.createObjectStore(STORE, {keyPath: "key"}); };
      opening.onsuccess = function () { resolve(opening.result); };
      opening.onerror = function () { reject(opening.error); };
    });
  }

  // One transaction: resolves with the request's result once it is written for good.
  function transact(mode, work) {
    return openStore().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(request.result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all() {
    return transact("readonly", function (store) { return store.getAll(); }).then(function (items) {
      return items.sort(function (a, b) { return a.queued_at - b.queued_at; });
    });
  }

  function put(item) {
    return transact("readwrite", function (store) { return store.put(item); }).then(function () { return item; });
  }

  function remove(key) {
    return transact("readwrite", function (store) { return store.delete(key); });
  }

  function newKey() {
    if (scope.crypto.randomUUID) { return scope.crypto.randomUUID(); }
    var bytes = scope.crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  // A number as typed ("42.5", "42,5"); the text itself when it is none, so the server's refusal names the field.
  function number(text) {
    var trimmed = String(text || "").trim();
    if (trimmed === "") { return null; }
    var value = Number(trimmed.replace(",", "."));
    return Number.isFinite(value) ? value : trimmed;
  }

  // The log form's own rules (web/set_fields.py), checked before a set is kept, so that a set kept offline is not
  // found wrong only later. Body weight is a ticked box, never an empty weight.
  function problemWith(fields) {
    if (String(fields.quick || "").trim()) { return null; }
    var reps = number(fields.reps);
    if (reps === null || typeof reps !== "number" || !Number.isInteger(reps) || reps < 0) {
      return "reps: a whole number, like 8";
    }
    var weight = number(fields.weight);
    if (typeof weight === "string") { return "weight: '" + weight.slice(0, 40) + "' is not a number"; }
    if (fields.bodyweight === "yes" && weight !== null) {
      return "weight: a body-weight set has no weight: clear the weight or untick Body weight";
    }
    if (fields.bodyweight !== "yes" && weight === null) {
      return "weight: enter the weight, or tick Body weight for a set without added load";
    }
    if (typeof number(fields.rpe) === "string") { return "rpe: a number, like 8 or 8.5"; }
    return null;
  }

  // The request POST /api/v1/log takes for the log form's fields (web/training_api.py's LogIn and SetIn). `unit`
  // is the form's weight unit (null: the person's unit setting, which is what the form shows anyway); `who` is
  // whose log the page was ("" on a one-person server; null: not known, and then it is never sent). `postedKey`:
  // the key of a form post that may have reached the server (the service worker's case), else null.
  function fromForm(fields, unit, who, exerciseName, postedKey) {
    var body = {exercise: fields.exercise};
    var typed = String(fields.quick || "").trim();
    if (typed) {
      body.sets = typed;  // the log grammar; bare weights are in the person's unit, as on the form
    } else {
      var one = {reps: number(fields.reps), set_type: fields.set_type || "normal"};
      if (fields.side) { one.side = fields.side; }
      var weight = number(fields.weight);
      if (weight !== null) {
        one.weight = weight;
        if (unit) { one.unit = unit; }
      }
      var rpe = number(fields.rpe);
      if (rpe !== null) { one.rpe = rpe; }
      body.sets = [one];
    }
    // A set the form's rules refuse is kept as refused, with why, for the person to see and discard: the
    // service worker, which keeps sets whose post failed, has no page to say it on.
    // When it was done, not when it is sent: sets sent an hour later still belong to the session they were in.
    var now = Date.now();
    body.performed_at = new Date(now).toISOString();
    return {
      key: postedKey || newKey(), posted: Boolean(postedKey), who: who, body: body, unit: unit, exercise_name: exerciseName || fields.exercise,
      queued_at: now, refused: problemWith(fields)
    };
  }

  function add(item) { return put(item); }

  scope.liftloreQueue = {
    add: add, all: all, put: put, remove: remove, fromForm: fromForm, problemWith: problemWith, newKey: newKey
  };

  if (typeof document === "undefined") { return; }  // in the service worker: the store is all it needs

  // -- the page ------------------------------------------------------------------------------------------------

  // Service workers need a secure context: https, or localhost. Over plain http on a LAN the site simply stays
  // online-only.
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* the site works without it */ });
  }
  if (!window.indexedDB) { return; }

  var form = document.querySelector("form.log-set");

  // Whose log this page is: "" on a one-person server (no accounts), the name in the header when signed in, null
  // when nobody is. Sets kept for one person are never sent while another is signed in on the same phone.
  function currentPerson() {
    var who = document.querySelector("header.site .who");
    if (!who) { return ""; }
    var name = who.querySelector(".who-name");
    if (!name || !name.querySelector(".visually-hidden")) { return null; }
    var copy = name.cloneNode(true);
    copy.querySelectorAll(".visually-hidden").forEach(function (hidden) { hidden.remove(); });
    return copy.textContent.trim();
  }

  function formUnit() {
    if (!form) { return null; }
    if (form.dataset.unit) { return form.dataset.unit; }
    var said = /weights in (kg|lb)\b/.exec(form.textContent) || /Weight \((kg|lb)\)/.exec(form.textContent);
    return said ? said[1] : null;
  }

  function formExerciseName() {
    var heading = form && (document.getElementById(form.getAttribute("aria-labelledby") || "") || form.querySelector("h1, h2"));
    return heading ? heading.textContent.trim() : null;
  }

  // The exercise's name; a set kept by the service worker knows only what the form sent (its slug).
  function nameOf(item) {
    var shown = form && form.querySelector('input[name="exercise"]');
    return shown && shown.value === item.exercise_name && formExerciseName() ? formExerciseName() : item.exercise_name;
  }

  // A set whose owner is not known (kept before sets recorded it) is nobody's: it is shown, never sent.
  function known(item) { return typeof item.who === "string"; }
  function mine(item, me) { return me !== null && known(item) && item.who === me; }

  // Why a waiting set of someone else (or of nobody known) is not sent now.
  function notSentNote(item) {
    if (!known(item)) { return " — not sent: this phone does not know whose log it is for "; }
    return " — waiting for " + (item.who || "the local log") + " to sign in";
  }

  var SIDES = {left: "L ", right: "R "};
  var TYPES = {"warm-up": " (warm-up)", drop: " (drop set)", failure: " (to failure)"};

  function describe(item) {
    var sets = item.body.sets;
    if (typeof sets === "string") { return sets; }
    var one = sets[0];
    // A set kept by the service worker has no unit: the person's own, which is the form's.
    var weight = one.weight === undefined ? "body weight" : one.weight + " " + (one.unit || item.unit || formUnit() || "");
    var text = (SIDES[one.side] || "") + weight.trim() + " × " + one.reps;
    if (one.rpe !== undefined) { text += " @ RPE " + one.rpe; }
    return text + (TYPES[one.set_type] || "");
  }

  function element(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (text) { made.textContent = text; }
    return made;
  }

  // Right under the form, where the eye is after pressing Log set (the workout in progress is further down).
  function place(box) {
    if (box.isConnected) { return; }
    if (form) { form.after(box); } else { document.querySelector("section.today").before(box); }
  }

  // The "Waiting to send" list: on the log page only.
  function show() {
    if (!form && !document.querySelector("section.today")) { return Promise.resolve(); }
    var me = currentPerson();
    return all().then(function (items) {
      // The signed-in person's sets first; anyone else's are listed too, so that nobody thinks them lost.
      var own = items.filter(function (item) { return mine(item, me); });
      var others = items.filter(function (item) { return !mine(item, me); });
      items = own.concat(others);
      var box = document.getElementById("waiting-sets");
      if (!items.length) {
        if (box) { box.remove(); }
        return;
      }
      if (!box) {
        box = element("section", {id: "waiting-sets", "class": "waiting notice", "aria-labelledby": "h-waiting"});
        box.append(element("h2", {id: "h-waiting"}), element("p", {"class": "meta", "aria-live": "polite"}),
                   element("ol", {"class": "set-list"}));
      }
      var due = own.filter(function (item) { return !item.refused; }).length;
      box.querySelector("h2").textContent = "Waiting to send (" + due + ")";
      box.querySelector("p").textContent = navigator.onLine ?
        "Back online: sending these sets to your log." :
        "No connection. These sets are kept on this phone and sent to your log when the connection is back.";
      var list = box.querySelector("ol");
      list.replaceChildren();
      items.forEach(function (item) {
        var line = element("li", {"data-key": item.key});
        line.append(element("strong", {}, nameOf(item)), document.createTextNode(": " + describe(item)));
        if (!mine(item, me)) {
          line.classList.add("not-mine");
          line.append(element("span", {"class": "meta"}, notSentNote(item)));
          if (!known(item)) {
            var drop = element("button", {type: "button", "class": "small"}, "Discard");
            drop.addEventListener("click", function () { remove(item.key).then(show); });
            line.append(drop);
          }
        } else if (item.refused) {
          line.classList.add("refused");
          line.append(element("span", {"class": "error-text"}, " — not logged: " + item.refused + " "));
          var discard = element("button", {type: "button", "class": "small"}, "Discard");
          discard.addEventListener("click", function () { remove(item.key).then(show); });
          line.append(discard);
        }
        list.append(line);
      });
      place(box);
    });
  }

  // The workout in progress as the server has it now, once waiting sets reached it.
  function refreshToday() {
    var today = document.querySelector("section.today");
    if (!form && !today) { return Promise.resolve(); }
    return fetch(location.href, {credentials: "same-origin"}).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (!html) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("section.today");
      if (!fresh) { return; }
      var now = document.querySelector("section.today");
      if (now) { now.replaceWith(fresh); return; }
      // Where the page puts it: after the block holding the form.
      var anchor = form && (form.closest(".log-main, .log-grid") || form);
      if (anchor) { anchor.after(fresh); }
    }, function () { /* still the old list; it is refreshed on the next visit */ });
  }

  // What the server said when it refused a set for good (bad input); null for anything worth trying again.
  function refusal(response) {
    if (response.status < 400 || response.status >= 500 || [401, 403, 408, 409, 429].indexOf(response.status) >= 0) {
      return Promise.resolve(null);
    }
    return response.json().then(function (body) { return body.message || "refused"; },
                                function () { return "refused (" + response.status + ")"; });
  }

  var STOP = {};  // thrown to end a round of sending: no connection, or the server cannot take sets now

  // The server's answer to a set whose form post carried the same key: the key was already used, by that post,
  // so the set is in the log. (The server keeps a key only for a post it stored; the API and the form hash their
  // different bodies, so it names the key as used "for a different request".)
  function alreadyLogged(item, response) {
    if (!item.posted || response.status !== 400) { return Promise.resolve(false); }
    return response.clone().json().then(function (body) { return body.field === "Idempotency-Key"; },
                                        function () { return false; });
  }

  function delivered(item) { return remove(item.key).then(function () { return true; }); }

  function send(item) {
    return fetch("/api/v1/log", {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Idempotency-Key": item.key},
      body: JSON.stringify(item.body)
    }).then(function (response) {
      if (response.ok) { return delivered(item); }
      return alreadyLogged(item, response).then(function (stored) {
        if (stored) { return delivered(item); }
        return refusal(response).then(function (why) {
          if (why === null) { throw STOP; }
          item.refused = why;
          return put(item).then(function () { return false; });
        });
      });
    }, function () { throw STOP; });
  }

  var sending = null;

  // Sends the waiting sets, oldest first, one at a time. One round at a time per page; the Web Locks API keeps
  // two open tabs from sending the same set at once (the key would make the second a replay anyway).
  function flush() {
    if (sending || !navigator.onLine) { return sending || Promise.resolve(); }
    var me = currentPerson();
    if (me === null) { return Promise.resolve(); }
    var sent = 0;
    function round() {
      return all().then(function (items) {
        var due = items.filter(function (item) { return mine(item, me) && !item.refused; });
        return due.reduce(function (chain, item) {
          return chain.then(function () { return send(item); }).then(function (ok) { if (ok) { sent += 1; } });
        }, Promise.resolve());
      }).catch(function (error) { if (error !== STOP) { throw error; } });
    }
    var work = navigator.locks ? navigator.locks.request("liftlore-waiting-sets", round) : round();
    sending = work.then(function () {
      return sent ? refreshToday() : null;
    }).catch(function () { /* tried again on the next chance */ }).then(function () {
      sending = null;
      return show();
    });
    return sending;
  }

  function fieldsOf(target) {
    var fields = {};
    new FormData(target).forEach(function (value, name) { fields[name] = String(value); });
    return fields;
  }

  function say(problem) {
    var shown = form.querySelector(".offline-error");
    if (shown) { shown.remove(); }
    if (!problem) { return; }
    var box = element("p", {"class": "error offline-error", role: "alert"});
    box.append(element("strong", {}, "Not kept: "), document.createTextNode(problem));
    form.prepend(box);
  }

  // After a kept set, what the page does after a logged one: the next side, the same values, the rest timer.
  function afterKept(fields) {
    var right = form.querySelector('input[name="side"][value="right"]');
    if (fields.side === "left" && right) { right.checked = true; }
    var quick = form.querySelector('[name="quick"]');
    if (quick) { quick.value = ""; }
    // timer.js starts the rest chosen in the form's Rest field.
    var start = document.getElementById("timer-go");
    if (start) { start.click(); }
  }

  if (form) {
    // Capture, and first: offline, this handler alone answers the submit.
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) { return; }  // online: the form posts as it always does
      event.preventDefault();
      event.stopImmediatePropagation();
      var fields = fieldsOf(form);
      var problem = problemWith(fields);
      say(problem);
      if (problem) { return; }
      var item = fromForm(fields, formUnit(), currentPerson(), formExerciseName());
      add(item).then(function () {
        afterKept(fields);
        return show();
      }, function () {
        say("this browser would not store the set (private mode?). Note it down and log it when back online.");
      });
    }, true);
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", show);
  // A phone can say it is online while nothing gets through: try again now and then while sets wait.
  setInterval(function () { if (document.visibilityState === "visible") { flush(); } }, 30000);
  show().then(flush);
})(self);
