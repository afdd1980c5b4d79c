// The log form, a little quicker with JavaScript; without it the form works the same, the server checks it all.
(function () {
  "use strict";
  var form = document.querySelector("form.log-set");
  if (!form) { return; }
  var button = form.querySelector("button.log-button");
  var key = form.querySelector("input[name=key]");

  // Sent once: a second tap while the first post is on its way does nothing. (The form's key would make a second
  // post a replay anyway; this spares the person a second wait.) offline.js answers the submit itself when there
  // is no connection, and this handler then never runs.
  form.addEventListener("submit", function (event) {
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "yes";
    if (button) { button.disabled = true; }
  });

  // A page brought back by the Back button is the form as it was before its set was logged: a new key, so a new
  // set sent from it is not taken for a repeat of that one, and the button works again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    delete form.dataset.sent;
    if (button) { button.disabled = false; }
    if (key && window.liftloreQueue) { key.value = window.liftloreQueue.newKey(); }
  });

  var weight = form.querySelector("input[name=weight]");
  var bodyweight = form.querySelector("input[name=bodyweight]");
  if (!weight || !bodyweight) { return; }
  // Body weight and a weight exclude each other: ticking the box greys the weight out (a disabled field is not
  // sent, so a weight left in it does not make the server refuse the set); unticking it goes back to the weight.
  function follow() {
    weight.disabled = bodyweight.checked;
  }
  bodyweight.addEventListener("change", function () {
    follow();
    if (!bodyweight.checked) { weight.focus(); }
  });
  follow();
})();
