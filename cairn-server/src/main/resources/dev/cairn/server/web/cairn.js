// cairn web UI: small progressive enhancements; every page works without this file.
// - button[data-copy="ID"] copies the text of element ID to the clipboard and says so in its own label.
// - form[data-confirm="TEXT"] asks before it is sent; once confirmed it carries confirmed=yes, so the server skips
//   its own confirmation page (which is what a browser without scripts sees).
"use strict";
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source) {
    return;
  }
  var text = source.textContent.trim();
  var done = function () {
    var label = button.textContent;
    button.textContent = "Copied";
    button.setAttribute("aria-live", "polite");
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { selectText(source); });
  } else {
    selectText(source);
    try {
      if (document.execCommand("copy")) {
        done();
      }
    } catch (e) {
      // the text stays selected for the user to copy
    }
  }
});

function selectText(node) {
  var range = document.createRange();
  range.selectNodeContents(node);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (event.defaultPrevented || !question || form.querySelector("input[name=confirmed]")) {
    return;
  }
  if (!window.confirm(question)) {
    event.preventDefault();
    return;
  }
  var confirmed = document.createElement("input");
  confirmed.type = "hidden";
  confirmed.name = "confirmed";
  confirmed.value = "yes";
  form.appendChild(confirmed);
});
