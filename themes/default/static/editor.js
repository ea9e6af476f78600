// The editor's conveniences, for browsers with JavaScript (everything works without it):
// a Markdown toolbar, a live preview of the whole article with its word count and reading
// time, autosave, a warning before leaving unsaved changes, and images dropped onto the body
// uploaded to the media library and inserted where they fell.
(function () {
  "use strict";
  var form = document.querySelector("form.editor");
  var body = document.getElementById("body");
  if (!form || !body) return;
  var csrf = form.querySelector("input[name=csrf]").value;
  // The words come from the page (data-word-* on the form, in the newsroom's language);
  // English stands in for any an overridden template leaves out.
  var english = {
    toolbar: "Formatting", bold: "Bold", italic: "Italic", heading: "Heading", link: "Link",
    quote: "Quote", list: "List", boldText: "bold text", italicText: "italic text",
    linkText: "link text", livePreview: "Live preview", uploadFailed: "The image could not be uploaded.",
    unsaved: "You have changes that are not saved.", autosaveFailed: "Not saved automatically; your text is still here."
  };
  function word(name) { return form.dataset["word" + name.charAt(0).toUpperCase() + name.slice(1)] || english[name]; }

  function wrap(before, after, placeholder) {
    var start = body.selectionStart, end = body.selectionEnd;
    var selected = body.value.slice(start, end) || placeholder;
    body.setRangeText(before + selected + after, start, end, "select");
    body.focus();
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function prefixLines(prefix) {
    var start = body.value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    var end = body.selectionEnd;
    var lines = body.value.slice(start, end).split("\n").map(function (l) { return prefix + l; });
    body.setRangeText(lines.join("\n"), start, end, "end");
    body.focus();
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }
  var tools = [
    [word("bold"), function () { wrap("**", "**", word("boldText")); }],
    [word("italic"), function () { wrap("_", "_", word("italicText")); }],
    [word("heading"), function () { prefixLines("## "); }],
    [word("link"), function () { wrap("[", "](https://)", word("linkText")); }],
    [word("quote"), function () { prefixLines("> "); }],
    [word("list"), function () { prefixLines("- "); }]
  ];
  var bar = document.createElement("div");
  bar.className = "toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", word("toolbar"));
  tools.forEach(function (tool) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = tool[0];
    button.addEventListener("click", tool[1]);
    bar.appendChild(button);
  });
  body.parentNode.insertBefore(bar, body);

  // One preview: the one "Preview" rendered (without JavaScript), kept up to date, or else a
  // live one of our own. Either shows the article as its page will: headline, standfirst,
  // byline, image, body, notes, through the article template's own markup.
  var preview = document.querySelector("section.preview");
  if (!preview) {
    preview = document.createElement("section");
    preview.className = "preview live-preview";
    preview.setAttribute("aria-label", word("livePreview"));
    var heading = document.createElement("h2");
    heading.className = "preview-heading";
    heading.textContent = word("livePreview");
    preview.appendChild(heading);
    preview.id = "preview";
    // After both columns, where "Preview" puts its own: on a phone the buttons come first.
    form.appendChild(preview);
  }
  preview.setAttribute("aria-live", "polite");
  var count = form.querySelector(".word-count");
  var autosaveStatus = form.querySelector(".autosave-status");

  // The form's fields as the server reads them, without the button that was not pressed.
  function fields() {
    var data = new URLSearchParams(new FormData(form));
    data.delete("action");
    return data;
  }
  function refresh() {
    fetch(form.dataset.previewUrl || "/admin/preview", { method: "POST", body: fields(), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var article = holder.querySelector(".preview-article");
        if (!article) return;
        var old = preview.querySelector(".preview-article");
        if (old) preview.replaceChild(article, old); else preview.appendChild(article);
        // Words and reading time, counted by the server as the article page counts them.
        if (count && article.dataset.wordCount) count.textContent = article.dataset.wordCount;
      });
  }

  // Autosave: a few seconds after the first change since the last one, to the person's own
  // slot on the server (never a revision, never live). Leaving with changes not saved by one
  // of the buttons asks first.
  var AUTOSAVE_AFTER_MS = 5000;
  var dirty = false, submitting = false, autosaveTimer = null, previewTimer = null;
  function autosave() {
    autosaveTimer = null;
    if (!form.dataset.autosaveUrl) return;
    fetch(form.dataset.autosaveUrl, { method: "POST", body: fields(), credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (answer) { if (autosaveStatus) autosaveStatus.textContent = answer.message; })
      .catch(function () { if (autosaveStatus) autosaveStatus.textContent = word("autosaveFailed"); });
  }
  function changed() {
    dirty = true;
    if (!autosaveTimer) autosaveTimer = setTimeout(autosave, AUTOSAVE_AFTER_MS);
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refresh, 400);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { submitting = true; clearTimeout(autosaveTimer); });
  window.addEventListener("beforeunload", function (e) {
    if (!dirty || submitting) return;
    e.preventDefault();
    e.returnValue = word("unsaved");
    return word("unsaved");
  });
  refresh();

  body.addEventListener("dragover", function (e) { e.preventDefault(); body.classList.add("dropping"); });
  body.addEventListener("dragleave", function () { body.classList.remove("dropping"); });
  body.addEventListener("drop", function (e) {
    var files = e.dataTransfer && e.dataTransfer.files;
    if (!files || !files.length) return;
    e.preventDefault();
    body.classList.remove("dropping");
    Array.prototype.forEach.call(files, function (file) {
      var data = new FormData();
      data.append("csrf", csrf);
      data.append("file", file, file.name);
      fetch("/admin/media", { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (answer) {
          if (answer.path) {
            // No alt text: a file's name describes nothing, and publishing asks for it.
            body.setRangeText("\n![](" + answer.path + ")\n", body.selectionStart, body.selectionEnd, "end");
            body.dispatchEvent(new Event("input", { bubbles: true }));
          } else {
            alert(answer.error || word("uploadFailed"));
          }
        });
    });
  });
})();
