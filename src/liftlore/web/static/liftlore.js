// Progressive enhancement only: every page works without this file.
// The filter panel starts closed so phones see results first; on a wide screen there is room to show it open.
(function () {
  var panel = document.querySelector(".facets details");
  if (panel && window.matchMedia("(min-width: 800px)").matches) {
    panel.open = true;
  }
})();

// Copy buttons beside a read-only field (a new API token, an invitation link). The button stays hidden without
// JavaScript; the field can still be selected and copied by hand.
(function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    function copied(ok) {
      // The label stays: a person who switched away to paste may look back to check that it worked.
      button.textContent = ok ? "Copied" : "Select and copy";
    }
    function byHand() {
      field.focus();
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      copied(ok);
    }
    field.addEventListener("focus", function () { field.select(); });
    button.hidden = false;
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      // The clipboard API needs a secure context (https or localhost); a server on a LAN address over http has
      // only the older command.
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { field.select(); copied(true); }, byHand);
      } else {
        byHand();
      }
    });
  });
})();
