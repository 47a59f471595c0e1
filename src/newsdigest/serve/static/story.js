// Clicking a citation marker highlights the sentences it cites in the sources beside the digest.
// Without JavaScript the marker is still a link to the first cited sentence (styled by :target).
"use strict";
document.addEventListener("click", function (event) {
  var marker = event.target.closest("a.cite[data-cites]");
  if (!marker) return;
  event.preventDefault();
  document.querySelectorAll(".sent.hl").forEach(function (el) { el.classList.remove("hl"); });
  document.querySelectorAll("a.cite.active").forEach(function (el) { el.classList.remove("active"); });
  marker.classList.add("active");
  var first = null;
  marker.getAttribute("data-cites").split(" ").forEach(function (id) {
    var el = document.getElementById(id);
    if (!el || !el.classList.contains("sent")) return;
    var details = el.closest("details");
    if (details) details.open = true;
    el.classList.add("hl");
    if (!first) first = el;
  });
  if (first) {
    first.scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#" + first.id);
  }
});
