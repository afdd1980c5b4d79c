// The rest timer on the log page. Without JavaScript the page still logs sets; the timer stays hidden.
(function () {
  var panel = document.getElementById("rest-timer");
  if (!panel) { return; }
  var left = document.getElementById("timer-left");
  var ends = 0;
  var tick = null;
  function show(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    left.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function step() {
    var remaining = (ends - Date.now()) / 1000;
    show(remaining);
    if (remaining <= 0) {
      clearInterval(tick);
      tick = null;
      panel.classList.add("done");
      if (navigator.vibrate) { navigator.vibrate([200, 100, 200]); }
    }
  }
  function start(seconds) {
    if (tick) { clearInterval(tick); tick = null; }
    panel.classList.remove("done");
    ends = Date.now() + seconds * 1000;
    show(seconds);
    if (seconds > 0) { tick = setInterval(step, 250); }
  }
  panel.hidden = false;
  panel.querySelectorAll("button[data-seconds]").forEach(function (button) {
    button.addEventListener("click", function () { start(Number(button.dataset.seconds)); });
  });
  if (panel.dataset.start) { start(Number(panel.dataset.start)); }
})();
