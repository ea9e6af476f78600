// The editor's conveniences, for browsers with JavaScript (everything works without it):
// a Markdown toolbar, a live preview, and images dropped onto the body uploaded to the media
// library and inserted where they fell.
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
    linkText: "link text", livePreview: "Live preview", uploadFailed: "The image could not be uploaded."
  };
  function word(name) { return form.dataset["word" + name.charAt(0).toUpperCase() + name.slice(1)] || english[name]; }

  function wrap(before, after, placeholder) {
    var start = body.selectionStart, end = body.selectionEnd;
    var selected = body.value.slice(start, end) || placeholder;
    body.setRangeText(before + selected + after, start, end, "select");
    body.focus();
    body.dispatchEvent(new Event("input"));
  }
  function prefixLines(prefix) {
    var start = body.value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    var end = body.selectionEnd;
    var lines = body.value.slice(start, end).split("\n").map(function (l) { return prefix + l; });
    body.setRangeText(lines.join("\n"), start, end, "end");
    body.focus();
    body.dispatchEvent(new Event("input"));
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

  var preview = document.createElement("section");
  preview.className = "preview live-preview";
  preview.setAttribute("aria-label", word("livePreview"));
  preview.setAttribute("aria-live", "polite");
  body.parentNode.parentNode.appendChild(preview);
  // The preview reads in the article's language and direction (the right-to-left languages
  // are lede_core::content::is_right_to_left's).
  var language = document.getElementById("language");
  function orient() {
    var prose = preview.querySelector(".prose");
    if (!prose || !language) return;
    var tag = language.value.trim();
    prose.lang = tag;
    prose.dir = /^(ar|ur|fa|he|ps|sd|ug|yi|dv|ckb)(-|$)/i.test(tag) ? "rtl" : "ltr";
  }
  if (language) language.addEventListener("input", orient);
  var timer = null;
  function refresh() {
    var data = new URLSearchParams();
    data.set("csrf", csrf);
    data.set("body", body.value);
    fetch("/admin/preview", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        var heading = document.createElement("h2");
        heading.textContent = word("livePreview");
        preview.innerHTML = "<div class=\"prose\">" + html + "</div>";
        preview.insertBefore(heading, preview.firstChild);
        orient();
      });
  }
  body.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 400); });
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
            body.dispatchEvent(new Event("input"));
          } else {
            alert(answer.error || word("uploadFailed"));
          }
        });
    });
  });
})();
