// The rest timer on the log page: a thin bar at the top. Without JavaScript the page still logs sets and the bar
// stays hidden.
//
// The timer counts to an end time, not by ticks: a locked phone stops running the page's timers, so on its return
// (visibilitychange) the time left is worked out again from the clock. The end time is kept in localStorage, so a
// reload, or going to another exercise, keeps the same rest running. A logged set starts a new rest once: the
// page after a set carries the set ids (data-key), and the timer remembers which key it last started for.
(function () {
  "use strict";
  var panel = document.getElementById("rest-timer");
  if (!panel) { return; }
  var STATE = "liftlore.rest";
  var MUTED = "liftlore.rest.muted";
  var FORGET_AFTER_MS = 10 * 60 * 1000; // a rest that ended this long ago is over, not worth showing
  var clock = document.getElementById("timer-left");
  var said = document.getElementById("timer-said");
  var stopButton = document.getElementById("timer-stop");
  var goButton = document.getElementById("timer-go");
  var soundButton = document.getElementById("timer-sound");
  var state = load(); // {ends: ms since the epoch, key: the set ids it started for, alerted: bool}
  var tick = null;
  var audio = null;
  // The bar shows once a rest runs or was started on this page (a set logged, Start tapped by another script):
  // before the first set of the day it would only be a clock at 0:00 taking the top of the screen.
  var started = false;

  function load() {
    try {
      var found = JSON.parse(window.localStorage.getItem(STATE) || "null");
      return found && typeof found.ends === "number" ? found : { ends: 0, key: "", alerted: true };
    } catch (error) {
      return { ends: 0, key: "", alerted: true };
    }
  }
  function save() {
    try { window.localStorage.setItem(STATE, JSON.stringify(state)); } catch (error) { /* private mode: no memory */ }
  }
  function isMuted() {
    try { return window.localStorage.getItem(MUTED) === "1"; } catch (error) { return false; }
  }
  function setMuted(muted) {
    try { window.localStorage.setItem(MUTED, muted ? "1" : "0"); } catch (error) { /* kept for this page only */ }
    showSound(muted);
  }
  function showSound(muted) {
    soundButton.setAttribute("aria-pressed", muted ? "false" : "true");
    soundButton.textContent = muted ? "Muted" : "Sound";
  }

  // Browsers let a page make sound only after a tap on it; the first tap anywhere wakes the audio up, so the beep
  // at the end of the rest is allowed.
  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return null; }
    if (!audio) {
      try { audio = new Context(); } catch (error) { return null; }
    }
    if (audio.state === "suspended" && audio.resume) { audio.resume(); }
    return audio;
  }
  function beep() {
    var context = audioContext();
    if (!context) { return; }
    var now = context.currentTime;
    [0, 0.3, 0.6].forEach(function (offset) { // three short high beeps: easy to hear over gym music
      var tone = context.createOscillator();
      var volume = context.createGain();
      tone.type = "sine";
      tone.frequency.value = 880;
      volume.gain.setValueAtTime(0.0001, now + offset);
      volume.gain.linearRampToValueAtTime(0.4, now + offset + 0.02);
      volume.gain.linearRampToValueAtTime(0.0001, now + offset + 0.2);
      tone.connect(volume);
      volume.connect(context.destination);
      tone.start(now + offset);
      tone.stop(now + offset + 0.22);
    });
  }
  function alertEnd() {
    state.alerted = true;
    save();
    said.textContent = "Rest over";
    if (!isMuted()) { beep(); }
    if (navigator.vibrate) { navigator.vibrate([300, 150, 300]); }
  }

  function show(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    clock.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function render() {
    var remaining = (state.ends - Date.now()) / 1000;
    var running = remaining > 0;
    var ended = !running && state.ends > 0 && Date.now() - state.ends < FORGET_AFTER_MS;
    show(running ? remaining : 0);
    panel.hidden = !(running || ended || started);
    panel.classList.toggle("running", running);
    panel.classList.toggle("done", ended);
    stopButton.hidden = !running && !ended;
    goButton.hidden = running;
    if (!running && tick) { clearInterval(tick); tick = null; }
    if (running && !tick) { tick = setInterval(render, 250); }
    if (!running && state.ends > 0 && !state.alerted) {
      if (ended) { alertEnd(); } else { state.alerted = true; save(); } // long over: not worth a beep now
    }
  }
  function start(seconds, key) {
    started = true;
    state = { ends: Date.now() + seconds * 1000, key: key || state.key || "", alerted: seconds <= 0 };
    if (seconds <= 0) { state.ends = 0; }
    said.textContent = "";
    save();
    render();
  }
  function chosenRest() {
    var select = document.querySelector("form.log-set select[name=rest]");
    return Number(select ? select.value : panel.dataset.rest) || 90;
  }

  showSound(isMuted());
  stopButton.addEventListener("click", function () { start(0); });
  goButton.addEventListener("click", function () { start(chosenRest()); });
  panel.querySelector("button[data-add]").addEventListener("click", function () {
    var left = Math.max(0, (state.ends - Date.now()) / 1000);
    start(left + 30);
  });
  soundButton.addEventListener("click", function () {
    var muted = !isMuted();
    setMuted(muted);
    if (!muted) { audioContext(); } // the tap itself lets the sound play later
  });
  document.addEventListener("pointerdown", audioContext, { once: true, capture: true });
  document.addEventListener("keydown", audioContext, { once: true, capture: true });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { state = load(); render(); }
  });
  window.addEventListener("storage", function (event) { // another tab of the log page started or stopped a rest
    if (event.key === STATE) { state = load(); render(); }
  });

  // After a set: start the rest chosen, unless this page already started it (a reload, the back button).
  var key = panel.dataset.key || "";
  if (panel.dataset.start && (!key || key !== state.key)) {
    start(Number(panel.dataset.start), key);
  } else {
    render();
  }

  // For other scripts of the page (a set logged while offline starts its rest as one logged online does).
  window.liftloreRest = { start: function (seconds) { start(Number(seconds) || chosenRest()); } };
})();
