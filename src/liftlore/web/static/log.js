// The log form, a little quicker with JavaScript; without it the form works the same, the server checks it all.
(function () {
  "use strict";
  var form = document.querySelector("form.log-set");
  if (!form) { return; }
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
