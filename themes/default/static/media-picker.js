// The editor's media picker, for browsers with JavaScript (without it, each image's Markdown
// is there to copy): "Insert" puts an image's Markdown at the body's cursor, in a paragraph of
// its own so it shows as a figure with its caption; "Use as featured image" fills in the
// featured image's address, alt text, caption and credit from the library. Choosing a library
// address in the featured image's field fills them in too. Fields someone typed into are
// never overwritten: only empty ones, and those still holding what the library put there.
(function () {
  "use strict";
  var picker = document.querySelector(".media-picker");
  var body = document.getElementById("body");
  if (!picker || !body) return;
  var fields = {
    src: document.getElementById("image_src"),
    alt: document.getElementById("image_alt"),
    caption: document.getElementById("image_caption"),
    credit: document.getElementById("image_credit")
  };
  var decorative = document.getElementById("image_decorative");
  var filled = { alt: null, caption: null, credit: null };

  function item(path) {
    var items = picker.querySelectorAll(".picker-item");
    for (var i = 0; i < items.length; i++) {
      if (items[i].dataset.path === path) return items[i];
    }
    return null;
  }

  function feature(chosen) {
    if (!fields.src) return;
    fields.src.value = chosen.dataset.path;
    ["alt", "caption", "credit"].forEach(function (name) {
      var field = fields[name];
      if (!field) return;
      if (field.value === "" || field.value === filled[name]) {
        field.value = chosen.dataset[name] || "";
        filled[name] = field.value;
      }
    });
    // Described in the library, the image is no longer decorative by an earlier choice.
    if (decorative && chosen.dataset.alt) decorative.checked = false;
    fields.src.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function insert(chosen) {
    var markdown = chosen.querySelector(".picker-markdown input").value;
    var start = body.selectionStart, end = body.selectionEnd;
    var before = body.value.slice(0, start), after = body.value.slice(end);
    // A paragraph of its own: a blank line before and after, unless at either end.
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = after === "" || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    body.setRangeText(lead + markdown + tail, start, end, "end");
    body.focus();
    if (markdown.indexOf("![](") === 0) {
      // No alt text yet: the cursor waits between the brackets for it.
      var at = start + lead.length + 2;
      body.setSelectionRange(at, at);
    } else {
      var after_image = start + lead.length + markdown.length;
      body.setSelectionRange(after_image, after_image);
    }
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }

  picker.querySelectorAll("[data-insert], [data-feature]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var chosen = button.closest(".picker-item");
      if (button.hasAttribute("data-insert")) insert(chosen); else feature(chosen);
    });
  });
  picker.querySelectorAll(".picker-markdown").forEach(function (label) { label.hidden = true; });

  if (fields.src) {
    fields.src.addEventListener("change", function () {
      var chosen = item(fields.src.value.trim());
      if (chosen) feature(chosen);
    });
  }
})();
