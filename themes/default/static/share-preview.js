// The editor's search-result and share-card preview, kept current while the writer types:
// the SEO title and meta description where given, else the headline and standfirst; the share
// image, else the featured image, else the site's default. The same rules as the server's
// (admin/articles/share.rs), which made the preview the page opened with.
(() => {
  const box = document.querySelector(".share-previews");
  if (!box) return;
  const form = box.closest("form");
  const value = (name) => (form.elements.namedItem(name)?.value ?? "").trim();
  const clip = (text, max) => {
    const letters = [...text];
    return letters.length <= max ? text : letters.slice(0, max - 1).join("").trimEnd() + "…";
  };
  const show = (selector, text) => box.querySelectorAll(selector).forEach((e) => { e.textContent = text; });
  const { baseUrl, siteName, defaultImage, titleMax, cardTitleMax, descriptionMax } = box.dataset;
  const host = baseUrl.split("://")[1] ?? baseUrl;
  const card = box.querySelector(".share-card");

  function update() {
    const title = value("seo_title") || value("headline");
    const description = clip(value("meta_description") || value("standfirst"), Number(descriptionMax));
    const slug = value("slug");
    // Search results add the site's name to the title; share cards show it on its own.
    show(".search-preview-title", clip(`${title} | ${siteName}`, Number(titleMax)));
    show(".share-card-title", clip(title, Number(cardTitleMax)));
    show(".search-preview-description, .share-card-description", description);
    show(".search-preview-url", slug ? `${host} › articles › ${slug}` : host);
    const src = value("social_image") || value("image_src") || defaultImage;
    let image = card.querySelector(".share-card-image");
    if (src && !image) {
      image = document.createElement("img");
      image.className = "share-card-image";
      image.alt = "";
      // An address the site may not show (another host's) hides the picture, not the card.
      image.addEventListener("error", () => { image.hidden = true; });
      card.prepend(image);
    }
    if (image) {
      image.hidden = !src;
      if (src && image.getAttribute("src") !== src) image.src = src;
    }
  }
  form.addEventListener("input", update);
  update();
})();
