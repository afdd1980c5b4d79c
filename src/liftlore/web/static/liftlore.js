// Progressive enhancement only: every page works without this file.
// The filter panel starts closed so phones see results first; on a wide screen there is room to show it open.
(function () {
  var panel = document.querySelector(".facets details");
  if (panel && window.matchMedia("(min-width: 800px)").matches) {
    panel.open = true;
  }
})();
