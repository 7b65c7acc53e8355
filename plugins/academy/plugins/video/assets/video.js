/* Video blocks: an external player loads only when the reader asks for it; transcripts print. */
(function () {
  "use strict";

  // Delegated, so it works on pages that Material's instant navigation swaps in.
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest(".academy-video__play");
    if (!button) return;
    const consent = button.closest(".academy-video__consent");
    const figure = consent.closest(".academy-video");
    const caption = figure.querySelector("figcaption");
    const frame = document.createElement("iframe");
    const address = consent.getAttribute("data-embed");
    frame.src = address + (address.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
    // The video's title, as the page's caption gives it (the page's words are in its language).
    frame.title = caption ? caption.textContent : consent.getAttribute("data-title");
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "academy-video__frame";
    consent.replaceWith(frame);
    frame.focus();
  });

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".academy-video__transcript").forEach(function (details) {
      details.open = true;
    });
  });
})();
