### Lede's default theme: interface strings in Urdu (اردو).
###
### Project Fluent syntax (https://projectfluent.org/). This file has exactly the same message
### ids as ../en/main.ftl, in the same order; the text is written for Urdu readers of a news
### site, not translated word for word. Content (articles, names) is not translated here.
###
### Notes for translators and reviewers:
###   - Urdu plural categories (CLDR) are one and other; [one] is used only for 1.
###   - Urdu punctuation (، ؛ ؟ ۔) is used in running text; codes, addresses, file types and
###     examples that people must type (https://, 2026-11-28, en, ur) stay in Latin script.
###   - Arrows in pagination point the other way, as Urdu reads right to left.
###   - Pages in Urdu have <html lang="ur" dir="rtl">: an Urdu article's page speaks Urdu.
###
### یہ فائل لیڈ کے ڈیفالٹ تھیم کی اردو عبارتیں رکھتی ہے۔ ہر پیغام کا شناختی نام انگریزی فائل
### جیسا ہی ہے؛ صرف متن اردو میں ہے۔


## Reader site: the layout every page shares (base.html)

nav-skip-to-content = مواد پر جائیں
# The search box's label and placeholder.
nav-search-articles = خبریں تلاش کریں
# The search box's button.
nav-search = تلاش
# Accessible name of the section menu.
nav-sections-label = حصے
nav-home = صفحۂ اول
# Accessible name of the footer links.
footer-nav-label = اس ویب سائٹ کے بارے میں
footer-all-articles = تمام خبریں
# The footer's link to the corrections page.
footer-corrections = تصحیحات
# The tagline a new site starts with, until the newsroom sets its own.
site-default-tagline = آزاد خبریں

## Reader site: bylines, cards and pagination (macros.html)

# Between authors in a byline, except the last two. A string literal keeps the spaces.
byline-comma = { "، " }
# Between the last two authors in a byline.
byline-and = { " اور " }
pagination-label = صفحات
# Arrows point towards the start of the line: left in English, right in Urdu.
pagination-newer = → نئی تحریریں
pagination-page-of = صفحہ { $page } از { $pages }
pagination-older = پرانی تحریریں ←

## Reader site: the article page (article.html)

# $authors is the byline built with byline-comma and byline-and, as links.
article-byline = تحریر: { $authors }
# Before the time of the last update.
article-updated = تازہ ترین:
# Reading time; $minutes is at least 1.
article-min-read =
    { $minutes ->
        [one] { $minutes } منٹ کا مطالعہ
       *[other] { $minutes } منٹ کا مطالعہ
    }
# Heading read by screen readers only.
article-tags-heading = ٹیگ
# Heading read by screen readers only, above an article's corrections and update notes.
article-notes-heading = تصحیحات اور تازہ کاریاں
# Labels a dated correction printed with an article, and on the corrections page.
article-note-correction = تصحیح
# Labels a dated update note printed with an article.
article-note-update = تازہ کاری
# Above a preview of an article: readers do not see this version (yet).
article-preview-banner = پیش منظر: قارئین کو خبر کا یہ نسخہ نظر نہیں آتا۔
article-about-author = مصنف کا تعارف
article-author-website = ویب سائٹ
related-heading = یہ بھی پڑھیں
more-from-author = مصنف کی مزید تحریریں

## Reader site: comments under an article (article.html, site/comments.rs)

# When there are no comments yet.
comments-heading = تبصرے
comments-heading-count = تبصرے ({ $count })
comments-held = شکریہ! آپ کا تبصرہ موصول ہو گیا ہے اور ایڈیٹر کی منظوری کے بعد شائع کر دیا جائے گا۔
comments-none = ابھی کوئی تبصرہ نہیں
comments-add-yours = اپنا تبصرہ لکھیں
comments-hint = تبصرے منظوری کے بعد شائع ہوتے ہیں۔ آپ کا ای میل ایڈریس کبھی شائع نہیں کیا جاتا۔
comments-not-sent = آپ کا تبصرہ ابھی نہیں بھیجا گیا۔
comments-correct-fields = براہِ کرم نیچے نشان زدہ خانے درست کریں۔
comments-reply-to = جواب برائے
comments-reply-nobody = کسی کو نہیں (نیا تبصرہ)
comments-field-name = نام
comments-field-email = ای میل
comments-field-website = ویب سائٹ (اختیاری)
comments-field-text = تبصرہ
# A trap for spam robots, hidden from people.
comments-honeypot = یہ خانہ خالی چھوڑ دیں
comments-submit = تبصرہ بھیجیں
comments-error-too-fast = آپ نے تبصرہ توقع سے کہیں زیادہ جلدی بھیج دیا۔ براہِ کرم اسے ایک بار دیکھ کر دوبارہ بھیجیں۔
comments-error-expired = یہ فارم ایک دن سے زیادہ کھلا رہا۔ براہِ کرم اپنا تبصرہ دوبارہ بھیجیں۔
comments-error-invalid-token = ہم اس فارم کی تصدیق نہیں کر سکے۔ براہِ کرم خبر کے صفحے پر جا کر اپنا تبصرہ دوبارہ بھیجیں۔
comments-error-used-token = یہ فارم ایک تبصرہ بھیجنے کے لیے استعمال ہو چکا ہے۔ براہِ کرم اپنا تبصرہ ایک نظر دیکھ کر دوبارہ بھیجیں۔
comments-error-bad-parent = جس تبصرے کا جواب دیا گیا، وہ درست نہیں۔
comments-error-rate-limited = آپ نے مختصر وقت میں کئی تبصرے بھیجے ہیں۔ اگلا تبصرہ بھیجنے سے پہلے براہِ کرم چند منٹ انتظار کریں۔

## Reader site: the front page (home.html)

# Heading read by screen readers only.
home-heading = { $site }: تازہ ترین خبریں
home-lead-label = سب سے اہم خبر
home-empty = ابھی کچھ شائع نہیں ہوا۔
home-latest = تازہ ترین
home-more = مزید خبریں ←
# The row of articles editors marked "Featured".
home-featured = نمایاں خبریں

## Reader site: the breaking-news banner over every page of an edition (base.html)

# The banner's accessible name, and the word before its text.
breaking-label = تازہ ترین اہم خبر
breaking-kicker = بریکنگ نیوز

## Reader site: lists of articles and archives (list.html, site/lists.rs)

list-empty = یہاں ابھی کوئی خبر نہیں۔
# Shown above the heading of /articles.
list-kind-all = تمام خبریں
list-all-heading = تازہ ترین خبریں
# Shown above a section's name.
list-kind-section = حصہ
# Shown above a tag's name.
list-kind-tag = ٹیگ
# Shown above an archive's date.
list-kind-archive = آرکائیو
# The browser title of page 2 and later of a list.
list-title-page = { $heading } – صفحہ { $page }
# The corrections page (corrections.html, site/corrections.rs).
corrections-heading = تصحیحات
corrections-description = ہماری خبروں میں جو غلطیاں درست کی گئیں، تازہ ترین پہلے۔
corrections-none = ابھی تک کوئی تصحیح نہیں۔
list-tag-description = { $tag } سے متعلق خبریں
# $period is an archive heading: a year, a month or a day.
list-archive-description = { $period } میں شائع ہونے والی خبریں

## Reader site: search (search.html, site/search.rs)

# The search page's heading and title before anything is searched.
search-title = تلاش
search-results-for = “{ $query }” کے نتائج
# Browser title of a results page.
search-page-title = تلاش: { $query }
search-words = الفاظ
search-section = حصہ
search-all-sections = تمام حصے
search-author = مصنف
search-all-authors = تمام مصنفین
search-from = تاریخ سے
search-to = تاریخ تک
search-submit = تلاش کریں
search-found =
    { $total ->
        [one] { $total } خبر ملی
       *[other] { $total } خبریں ملیں
    }
# Only the newest matches are ranked; $total is how many, and older ones match too.
search-found-more = تازہ ترین { $total } خبروں میں سے بہترین؛ پرانی خبریں بھی ملتی ہیں
search-none = کچھ نہیں ملا۔ کم یا مختلف الفاظ سے تلاش کریں۔
# $field is from or to, the name of the date's input.
search-error-bad-date =
    { $field ->
        [from] ابتدائی تاریخ “{ $text }” درست نہیں۔ تاریخ اس طرح لکھیں: 2026-11-28
       *[to] آخری تاریخ “{ $text }” درست نہیں۔ تاریخ اس طرح لکھیں: 2026-11-28
    }
search-error-too-long = تلاش زیادہ سے زیادہ { $max } حروف پر مشتمل ہو سکتی ہے۔
search-error-no-section = “{ $section }” نام کا کوئی حصہ موجود نہیں۔
search-error-no-author = “{ $author }” نام کا کوئی مصنف موجود نہیں۔

## Reader site: author pages (author.html)

author-kicker = مصنف
author-articles-by = { $name } کی تحریریں
author-empty = ابھی کوئی تحریر نہیں۔

## Feeds: titles shown by feed readers and in <link rel=alternate> (feeds.rs, site/mod.rs)

# $format is RSS, Atom or JSON Feed, which stay as they are.
feed-link-title = { $title } ({ $format })
# A section's, tag's or author's feed.
feed-title = { $site }: { $name }
feed-tag-description = { $tag } سے متعلق خبریں

## Error pages: headings (site/pages.rs) and the page itself (error.html)

# $status is the HTTP status code, such as 404.
error-kicker = خرابی { $status }
# $home and $browse are links whose texts are error-go-home and error-browse-all.
error-next-steps = { $home } یا { $browse }۔
error-go-home = صفحۂ اول پر جائیں
error-browse-all = تمام خبریں دیکھیں
error-not-found-title = صفحہ نہیں ملا
error-unprocessable-title = براہِ کرم اپنی بھیجی ہوئی معلومات دیکھ لیں
error-too-large-title = یہ بہت طویل تھا
error-too-many-title = براہِ کرم ذرا ٹھہر جائیں
error-forbidden-title = اجازت نہیں
error-bad-request-title = ہم آپ کی درخواست نہیں سمجھ سکے
error-generic-title = کچھ غلط ہو گیا
error-not-found = ہمیں یہ صفحہ نہیں ملا۔ ہو سکتا ہے یہ کہیں اور منتقل ہو گیا ہو، یا پتا غلط لکھا گیا ہو۔
error-gone-title = خبر ہٹا دی گئی
error-gone = یہ خبر ہٹا دی گئی ہے اور اب دستیاب نہیں۔
error-sign-in-first = پہلے /admin پر سائن اِن کریں۔
error-method-not-allowed = یہ پتا اس طریقے کی درخواست قبول نہیں کرتا۔
error-internal = ہماری طرف کوئی خرابی پیش آ گئی۔ براہِ کرم تھوڑی دیر بعد دوبارہ کوشش کریں۔
error-unavailable = سائٹ اس وقت اپنے ڈیٹا بیس تک نہیں پہنچ پا رہی۔ براہِ کرم چند سیکنڈ بعد دوبارہ کوشش کریں۔
# The content API's 404; the path stays as it is.
error-api-not-found = اس پتے پر کچھ موجود نہیں: یا تو یہ چیز موجود نہیں یا عوامی نہیں۔ API کے راستوں کے لیے /api/openapi.json دیکھیں۔
# $detail comes from the web framework, in English.
error-bad-query = ہم پتے کا سوالیہ حصہ (query string) نہیں پڑھ سکے: { $detail }
error-form-too-large = یہ تحریر اس سے زیادہ طویل ہے جتنی ہم ایک بار میں قبول کرتے ہیں۔ براہِ کرم اسے مختصر کر کے دوبارہ بھیجیں۔
# $detail comes from the web framework, in English.
error-bad-form = ہم یہ فارم نہیں پڑھ سکے: { $detail }
error-bad-page-number = “{ $text }” صفحہ نمبر نہیں ہے: 1، 2، 3… جیسا نمبر لکھیں۔
error-foreign-form = فارم صرف اسی ویب سائٹ کے صفحات سے بھیجے جا سکتے ہیں۔

## Newsroom: the layout and menu (admin/layout.html)

# The browser title of every newsroom page.
admin-page-title = { $title } | { $site } نیوز روم
admin-badge = نیوز روم
# $role is one of the admin-role-* names.
admin-signed-in-as = { $name } ({ $role })
admin-sign-out = سائن آؤٹ
# Accessible name of the newsroom menu.
admin-nav-label = نیوز روم
admin-nav-dashboard = ڈیش بورڈ
admin-nav-articles = خبریں
# A menu link, a button, and the editor's heading and title for an unsaved article.
admin-new-article = نئی خبر
admin-nav-media = میڈیا
admin-nav-comments = تبصرے
admin-nav-breaking = بریکنگ نیوز
admin-nav-people = افراد
admin-nav-sections = حصے
admin-nav-settings = ویب سائٹ کی ترتیبات
admin-nav-profile = آپ کا پروفائل
admin-nav-view-site = ویب سائٹ دیکھیں

## Newsroom: names of roles and statuses (shown through the capitalize and replace filters today)

# Role names appear in lower case in English.
admin-role-contributor = معاون
admin-role-author = مصنف
admin-role-editor = ایڈیٹر
admin-role-admin = منتظم
# Article statuses: the status tabs, the desk's status column and the editor's badge (which CSS shows in capitals).
admin-status-new = نئی
admin-status-draft = مسودہ
admin-status-in_review = زیرِ نظرِ ثانی
admin-status-scheduled = طے شدہ
admin-status-published = شائع شدہ
admin-status-unpublished = اشاعت سے ہٹائی گئی
# Comment statuses, as the moderation tabs show them.
admin-comment-status-pending = زیرِ التوا
admin-comment-status-approved = منظور شدہ
admin-comment-status-spam = اسپام
admin-comment-status-trash = ردی

## Newsroom: form fields and table columns used on several pages

admin-field-name = نام
admin-field-email = ای میل
admin-field-role = کردار
admin-field-password = پاس ورڈ
admin-field-website = ویب سائٹ
admin-field-bio = تعارف
# A web address (a path on the site), not a postal one.
admin-field-address = پتا
# The parent of a section.
admin-field-inside = کس حصے کے اندر
admin-field-position = ترتیب
admin-field-description = تفصیل
# A field for a name in another of the site's languages; $language is that language's own
# name for itself (English).
admin-field-name-in = { $language } میں نام
# A section's description in another of the site's languages ($language: English).
admin-field-description-in = { $language } میں تفصیل
# An author's bio in another of the site's languages ($language: English).
admin-field-bio-in = { $language } میں تعارف
admin-col-actions = اقدامات
admin-delete = حذف کریں

## Newsroom: dashboard (admin/dashboard.html)

# The dashboard's heading and title.
admin-dashboard-heading = نیوز روم
admin-dashboard-welcome = خوش آمدید، { $name }۔
admin-dashboard-comments = تبصرے
# Follows the number of pending comments, shown large above it.
admin-dashboard-awaiting =
    { $count ->
        [one] تبصرہ منظوری کا منتظر ہے۔
       *[other] تبصرے منظوری کے منتظر ہیں۔
    }
admin-dashboard-moderate = تبصروں کا جائزہ لیں

## Newsroom: the articles desk (admin/articles.html)

# The desk's heading and title.
admin-articles-heading = خبریں
admin-articles-status-label = خبر کی حیثیت
admin-articles-all = سب
admin-articles-headline = سرخی
admin-articles-section = حصہ
admin-all-sections = تمام حصے
admin-articles-author = مصنف
admin-all-authors = تمام مصنفین
admin-articles-filter = فلٹر کریں
admin-articles-count =
    { $total ->
        [one] { $total } خبر
       *[other] { $total } خبریں
    }
# Where the desk shows no article: the filters match none, or nothing is in the trash.
admin-articles-none = کوئی خبر نہیں ملی۔
admin-articles-trash-empty = ردی کی ٹوکری خالی ہے۔
admin-articles-col-status = حیثیت
admin-articles-col-authors = مصنفین
admin-articles-col-updated = آخری تبدیلی
admin-articles-view = دیکھیں
# Marks an article whose changes were saved for later and are not live yet.
admin-articles-pending = تبدیلیاں زیرِ التوا
# The trash's view of the desk, and its tab beside the status counts ("Trash (3)").
admin-articles-trash-heading = ردی کی ٹوکری
admin-articles-trash-tab = ردی کی ٹوکری
admin-articles-empty-trash = ٹوکری خالی کریں
admin-articles-bulk-label = منتخب خبروں کے ساتھ:
admin-articles-restore = واپس لائیں
admin-articles-delete-permanently = ہمیشہ کے لیے حذف کریں
admin-articles-move = دوسرے حصے میں منتقل کریں
admin-articles-trash = ردی کی ٹوکری میں ڈالیں
admin-articles-move-to = منتقلی کا حصہ
admin-articles-apply = لاگو کریں
# Links that tick, or untick, every line's checkbox (they work without JavaScript).
admin-articles-select-all = سب منتخب کریں
admin-articles-select-none = کوئی منتخب نہ کریں
admin-articles-col-select = انتخاب
admin-articles-select = “{ $headline }” منتخب کریں
admin-articles-col-language = زبان
admin-articles-col-words = الفاظ
admin-articles-col-comments = تبصرے
admin-articles-col-trashed = ٹوکری میں ڈالی گئی
# In the trash: the status the article had before ($status is a status's name).
admin-articles-was = پہلے: { $status }

## Newsroom: the article editor (admin/editor.html, admin/articles.rs, static/editor.js)

admin-editor-edit = خبر میں ترمیم
admin-editor-view-published = شائع شدہ خبر دیکھیں
# Refused to a contributor or author who opens someone else's article.
admin-article-not-yours = نیوز روم میں یہ خبر صرف اس کے مصنفین اور ایڈیٹر کھول سکتے ہیں۔
# Links to an article's earlier versions, and that page's title.
admin-editor-revisions = پچھلے نسخے
admin-editor-headline = سرخی
# The summary under the headline.
admin-editor-standfirst = خلاصہ
admin-editor-body = متن
# Keep the Markdown marks (** _ ## > - [ ]( ) [^1]) as they are.
admin-editor-markdown-hint = مارک ڈاؤن: **جلی**، _ترچھا_، ## ذیلی سرخی، > اقتباس، - فہرست، [ربط](https://…)، جدول اور حواشی[^1]۔ تصاویر: ![متبادل متن](پتا "کیپشن | بشکریہ")، یا آرائشی تصویر کے لیے ![""](پتا)۔
admin-editor-preview-heading = پیش منظر
admin-editor-slug = سلگ (ویب پتا)
admin-editor-slug-hint = خالی چھوڑیں تو سرخی سے بن جائے گا۔ ہر خبر کا سلگ الگ ہونا چاہیے۔
admin-editor-section = حصہ
admin-editor-choose = منتخب کریں…
admin-editor-tags = ٹیگ
# Tags are split at the Latin comma only, not at the Urdu comma ،.
admin-editor-tags-hint = انگریزی کاما (,) سے الگ کریں؛ نئے ٹیگ خود بن جاتے ہیں۔
admin-editor-authors = مصنفین
admin-editor-language = زبان
admin-editor-featured-image = نمایاں تصویر
admin-editor-image-address = تصویر کا پتا
# $library is a link whose text is admin-editor-media-library.
admin-editor-image-hint = { $library } سے کوئی تصویر۔
admin-editor-media-library = میڈیا لائبریری
# Describes the image for people who cannot see it.
admin-editor-alt = متبادل متن (Alt)
admin-editor-caption = کیپشن
# Who took or owns the image.
admin-editor-credit = بشکریہ
admin-editor-alt-hint = جو قارئین تصویر نہیں دیکھ سکتے، ان کے لیے بتائیں کہ اس میں کیا دکھایا گیا ہے؛ اشاعت سے پہلے یہ ضروری ہے۔
# A link from the editor's error message to the field it is about.
admin-editor-error-go-to-field = اس خانے پر جائیں
admin-editor-decorative = آرائشی تصویر: جو قاری اسے نہیں دیکھ سکتا وہ کچھ نہیں کھوتا
# The editor's media picker (admin/media_picker.html, media-picker.js): $count images.
admin-editor-picker = میڈیا لائبریری ({ $count })
# Puts the image's Markdown at the cursor in the body.
admin-editor-picker-insert = متن میں شامل کریں
admin-editor-picker-feature = نمایاں تصویر بنائیں
admin-editor-picker-markdown = نقل کرنے کے لیے مارک ڈاؤن
admin-editor-partner-only = صرف شراکت داروں کے لیے (API کلید رکھنے والے اشاعتی شراکت دار؛ عوامی ویب سائٹ پر کبھی نہیں)
# The front page's choices, offered to editors and admins.
admin-editor-front-page = صفحۂ اول
admin-editor-top-story = سرِ فہرست خبر
admin-editor-top-story-hint = یہ خبر اپنے ایڈیشن کے صفحۂ اول پر سب سے اوپر رہے گی، چاہے بعد میں کچھ بھی شائع ہو، جب تک آپ نشان نہ ہٹائیں یا کسی اور خبر کو سرِ فہرست نہ بنائیں۔
admin-editor-featured = نمایاں خبروں میں شامل
# What search engines and social networks show of the article; $max is a number of characters.
admin-editor-search-social = سرچ اور سوشل میڈیا
admin-editor-seo-title = SEO عنوان
admin-editor-seo-title-hint = سرچ کے نتائج اور براؤزر کے ٹیب میں دکھایا جانے والا عنوان، اگر سرخی کے بجائے کچھ اور ہو۔ تقریباً { $max } حروف نظر آتے ہیں۔
admin-editor-meta-description = میٹا تفصیل
admin-editor-meta-description-hint = سرچ کے نتائج اور شیئر کارڈ پر عنوان کے نیچے کا متن، اگر خلاصے کے بجائے کچھ اور ہو۔ تقریباً { $max } حروف نظر آتے ہیں۔
admin-editor-social-image = سوشل تصویر
admin-editor-social-image-hint = شیئر کارڈ پر دکھائی جانے والی تصویر، اگر نمایاں تصویر کے بجائے کوئی اور ہو؛ دونوں نہ ہوں تو ویب سائٹ کی طے شدہ شیئر تصویر۔
admin-editor-search-preview = سرچ کے نتائج میں
admin-editor-share-preview = شیئر کرنے پر
admin-editor-publish-at = اشاعت کا وقت ({ $zone })
admin-editor-preview = پیش منظر دیکھیں
admin-editor-save-draft = مسودہ محفوظ کریں
admin-editor-submit = نظرِ ثانی کے لیے بھیجیں
admin-editor-publish = شائع کریں
admin-editor-schedule = وقت مقرر کریں
admin-editor-unpublish = اشاعت سے ہٹائیں
# The buttons of a published article: its changes go live at once, or wait beside it.
admin-editor-update = اپ ڈیٹ کریں
admin-editor-save-for-later = بعد کے لیے محفوظ کریں
admin-editor-discard = تبدیلیاں رد کریں
# Saves a scheduled article, which stays scheduled.
admin-editor-save = محفوظ کریں
admin-editor-open-preview = قارئین کی نظر سے پیش منظر
# $time is a date and time, $name a person's name (or admin-revision-system).
admin-editor-pending = { $time } کو { $name } کی بعد کے لیے محفوظ کی گئی تبدیلیاں دکھائی جا رہی ہیں۔ قارئین کو اب بھی شائع شدہ نسخہ نظر آتا ہے: ”اپ ڈیٹ کریں“ ان تبدیلیوں کو شائع کر دیتا ہے، ”تبدیلیاں رد کریں“ انہیں ختم کر دیتا ہے۔
admin-editor-pending-stale = یہ تبدیلیاں محفوظ ہونے کے بعد شائع شدہ خبر بدل چکی ہے؛ اپ ڈیٹ کرنے سے پہلے دونوں کا موازنہ کر لیں۔
# $time is a date and time.
admin-editor-restore-autosave = { $time } کا خودکار محفوظ شدہ نسخہ بحال کریں
admin-editor-showing-autosave = آپ کا { $time } کا خودکار محفوظ شدہ نسخہ دکھایا جا رہا ہے۔ جب تک آپ نیچے کوئی بٹن نہ دبائیں، کچھ محفوظ نہیں ہوگا۔
# Shown beside the body after an autosave; $time is hours and minutes.
admin-editor-autosaved = { $time } پر خود بخود محفوظ ہو گیا
admin-editor-autosave-failed = خود بخود محفوظ نہیں ہو سکا؛ آپ کا متن یہیں موجود ہے۔
# The browser asks before leaving the page with this (many browsers show their own words).
admin-editor-unsaved = آپ کی کچھ تبدیلیاں ابھی محفوظ نہیں ہوئیں۔
# Under the body, updated as one types.
admin-editor-word-count =
    { $words ->
        [one] { $words } لفظ
       *[other] { $words } الفاظ
    } · { $minutes ->
        [one] { $minutes } منٹ کی پڑھائی
       *[other] { $minutes } منٹ کی پڑھائی
    }
# Fields shown for a published article only.
admin-editor-tell-readers = قارئین کو بتائیں کہ کیا بدلا
admin-editor-correction = تصحیح
admin-editor-correction-hint = خبر کے ساتھ تاریخ سمیت شائع ہوگی اور تصحیحات کے صفحے پر درج ہوگی۔ بعد کے ہر نسخے میں برقرار رہے گی۔
admin-editor-update-note = تازہ کاری کا نوٹ
admin-editor-update-note-hint = خبر شائع ہونے کے بعد کی نئی معلومات؛ خبر کے ساتھ تاریخ سمیت شائع ہوگی۔
admin-editor-show-updated = تازہ کاری ظاہر کریں (مصنف کے نام کے ساتھ تاریخ اور وقت سمیت ”تازہ ترین“ لکھا جائے گا)
admin-editor-notes-so-far = خبر کے ساتھ پہلے سے شائع شدہ
# Preview links for people without accounts.
admin-editor-share-heading = پیش منظر شیئر کریں
admin-editor-share-hint = ایک ربط جس سے یہ خبر اپنی موجودہ حالت میں کسی کو بھی، اکاؤنٹ کے بغیر، 7 دن تک یا آپ کے منسوخ کرنے تک نظر آئے گی۔
# $created and $expires are dates and times, $name a person's name.
admin-editor-share-line = { $name } نے { $created } کو بنایا؛ { $expires } تک کارآمد
admin-editor-share-revoke = منسوخ کریں
admin-editor-share-create = پیش منظر کا ربط بنائیں
# The editor of a trashed article, and its "Move to trash" button.
admin-editor-trashed = یہ خبر ردی کی ٹوکری میں ہے: قارئین اسے نہیں دیکھ سکتے۔ دوبارہ ترمیم کے لیے اسے (مسودے کے طور پر) واپس لائیں۔
admin-editor-trash = ردی کی ٹوکری میں ڈالیں
# Before deleting trashed articles for good (admin/trash_confirm.html).
admin-trash-confirm-heading = ہمیشہ کے لیے حذف کریں؟
admin-trash-confirm-text =
    { $count ->
        [one] یہ خبر اپنے نسخوں اور تبصروں سمیت ہمیشہ کے لیے حذف ہو جائے گی۔ یہ عمل واپس نہیں ہو سکتا۔
       *[other] یہ { $count } خبریں اپنے نسخوں اور تبصروں سمیت ہمیشہ کے لیے حذف ہو جائیں گی۔ یہ عمل واپس نہیں ہو سکتا۔
    }
admin-trash-confirm-cancel = منسوخ کریں
admin-trash-confirm-nothing = ردی کی ٹوکری خالی ہے: حذف کرنے کو کچھ نہیں۔
admin-editor-showing-revision = نسخہ { $version } دکھایا جا رہا ہے: محفوظ کرنے پر یہ موجودہ متن بن جائے گا (شائع شدہ خبر پر ”اپ ڈیٹ کریں“)۔
# editor.js builds the toolbar; these need passing to it (data attributes, say).
admin-editor-toolbar-label = فارمیٹنگ
admin-editor-toolbar-bold = جلی
admin-editor-toolbar-italic = ترچھا
admin-editor-toolbar-heading = سرخی
admin-editor-toolbar-link = ربط
admin-editor-toolbar-quote = اقتباس
admin-editor-toolbar-list = فہرست
# Inserted when nothing is selected.
admin-editor-placeholder-bold = جلی متن
admin-editor-placeholder-italic = ترچھا متن
admin-editor-placeholder-link = ربط کا متن
admin-editor-live-preview = براہِ راست پیش منظر
admin-editor-upload-failed = تصویر اپ لوڈ نہیں ہو سکی۔
admin-editor-error-slug = سلگ لکھیں: سرخی میں ایسے حروف نہیں جن سے سلگ بنایا جا سکے۔
admin-editor-error-section = کوئی حصہ منتخب کریں۔
admin-editor-error-tag = ٹیگ میں حروف یا ہندسے ہونا ضروری ہیں۔
admin-editor-error-date = تاریخ اور وقت اس طرح لکھیں: 2026-12-01T09:30
admin-editor-error-no-action = ایڈیٹر کا کوئی ایک بٹن دبائیں: مسودہ محفوظ کریں، نظرِ ثانی کے لیے بھیجیں، شائع کریں یا پیش منظر دیکھیں۔

## Newsroom: the message after an action (admin/layout.html, admin/flash.rs)

admin-flash-saved = محفوظ ہو گیا
admin-flash-submitted = نظرِ ثانی کے لیے بھیج دیا گیا
admin-flash-published = شائع ہو گیا
admin-flash-updated = اپ ڈیٹ ہو گیا: شائع شدہ خبر میں آپ کی تبدیلیاں نظر آ رہی ہیں۔
# $when is a date and time, $zone the site's time zone.
admin-flash-scheduled = { $when } ({ $zone }) کے لیے وقت مقرر ہو گیا
admin-flash-unpublished = اشاعت سے ہٹا دیا گیا: قارئین کو اب یہ خبر نظر نہیں آتی۔
admin-flash-later = بعد کے لیے محفوظ ہو گیا: شائع شدہ خبر میں کوئی تبدیلی نہیں۔
admin-flash-discarded = تبدیلیاں رد کر دی گئیں۔
admin-flash-preview-link = پیش منظر کا ربط بن گیا: جس کے پاس بھی یہ ربط ہو، وہ 7 دن تک یا آپ کے منسوخ کرنے تک یہ خبر پڑھ سکتا ہے۔ اسے ابھی کاپی کر لیں؛ یہ دوبارہ نہیں دکھایا جائے گا۔
admin-flash-preview-link-label = پیش منظر کا ربط
admin-flash-link-revoked = پیش منظر کا ربط منسوخ ہو گیا: اب یہ کام نہیں کرتا۔
# After a bulk action on the desk ($count articles; $section the section's name).
admin-bulk-published =
    { $count ->
        [one] ایک خبر شائع ہو گئی۔
       *[other] { $count } خبریں شائع ہو گئیں۔
    }
admin-bulk-unpublished =
    { $count ->
        [one] ایک خبر اشاعت سے ہٹا دی گئی۔
       *[other] { $count } خبریں اشاعت سے ہٹا دی گئیں۔
    }
admin-bulk-moved =
    { $count ->
        [one] ایک خبر { $section } میں منتقل ہو گئی۔
       *[other] { $count } خبریں { $section } میں منتقل ہو گئیں۔
    }
admin-bulk-trashed =
    { $count ->
        [one] ایک خبر ردی کی ٹوکری میں ڈال دی گئی۔
       *[other] { $count } خبریں ردی کی ٹوکری میں ڈال دی گئیں۔
    }
admin-bulk-restored =
    { $count ->
        [one] ایک خبر ٹوکری سے مسودے کے طور پر واپس آ گئی۔
       *[other] { $count } خبریں ٹوکری سے مسودوں کے طور پر واپس آ گئیں۔
    }
admin-bulk-deleted =
    { $count ->
        [one] ایک خبر ہمیشہ کے لیے حذف ہو گئی۔
       *[other] { $count } خبریں ہمیشہ کے لیے حذف ہو گئیں۔
    }
# One line per article a bulk action refused.
admin-bulk-refused = “{ $headline }” پر عمل نہیں ہوا: { $reason }
admin-bulk-refused-more =
    { $count ->
        [one] …اور ایک مزید خبر پر عمل سے انکار ہوا۔
       *[other] …اور { $count } مزید خبروں پر عمل سے انکار ہوا۔
    }
admin-bulk-none-selected = پہلے کم از کم ایک خبر منتخب کریں۔
admin-bulk-no-section = وہ حصہ چنیں جس میں خبریں منتقل کرنی ہیں۔

## Newsroom: revisions (admin/revisions.html)

admin-revisions-heading = “{ $headline }” کے پچھلے نسخے
admin-revisions-back = ایڈیٹر پر واپس جائیں
# $by is a person's name, or admin-revision-system.
admin-revisions-version = نسخہ { $version } · { $saved } · { $by }
# Who saved a revision that no person saved.
admin-revision-system = سسٹم
admin-revisions-restore = یہ نسخہ بحال کریں
admin-revisions-diff =
    { $lines ->
        [one] موجودہ متن سے فرق ({ $lines } سطر)
       *[other] موجودہ متن سے فرق ({ $lines } سطریں)
    }
admin-revisions-same = متن موجودہ متن جیسا ہی ہے۔

## Newsroom: comment moderation (admin/comments.html, admin/comments.rs)

# The moderation page's heading and title.
admin-comments-heading = تبصرے
admin-comments-status-label = تبصرے کی حیثیت
admin-comments-bulk-label = منتخب تبصروں کے ساتھ:
admin-comments-approve = منظور کریں
admin-comments-mark-spam = اسپام قرار دیں
admin-comments-trash = ردی میں ڈالیں
admin-comments-apply = لاگو کریں
admin-comments-col-select = منتخب کریں
admin-comments-col-comment = تبصرہ
# The article a comment was left on.
admin-comments-col-on = خبر
admin-comments-col-spam-score = اسپام اسکور
admin-comments-select-by = { $name } کا تبصرہ منتخب کریں
admin-comments-reply-summary = نیوز روم کی طرف سے جواب دیں
admin-comments-reply-to = { $name } کو جواب
admin-comments-post-reply = جواب بھیجیں
admin-comments-spam = اسپام
# $status is pending, approved, spam or trash.
admin-comments-none =
    { $status ->
        [pending] کوئی تبصرہ منظوری کا منتظر نہیں۔
        [approved] کوئی منظور شدہ تبصرہ نہیں۔
        [spam] کوئی اسپام تبصرہ نہیں۔
        [trash] ردی میں کوئی تبصرہ نہیں۔
       *[other] کوئی تبصرہ نہیں۔
    }
admin-comments-error-none-selected = کم از کم ایک تبصرہ منتخب کریں۔

## Newsroom: the media library (admin/media.html, admin/media.rs)

# The media library's heading and title.
admin-media-heading = میڈیا
admin-media-upload-label = تصویر اپ لوڈ کریں
admin-media-upload-hint = JPEG، PNG، WebP یا GIF، زیادہ سے زیادہ 20 MB اور 40 میگا پکسل۔ مقام سے متعلق معلومات ہٹا دی جاتی ہیں۔
admin-media-upload = اپ لوڈ کریں
admin-media-search-label = فائل کے نام، متبادل متن، کیپشن یا بشکریہ سے تلاش کریں
admin-media-search = تلاش
admin-media-none = کوئی تصویر نہیں۔
admin-media-none-match = “{ $query }” سے ملتی کوئی تصویر نہیں۔
admin-media-error-no-dir = اس ویب سائٹ کے لیے میڈیا کی کوئی ڈائریکٹری مقرر نہیں۔
admin-media-error-choose = اپ لوڈ کرنے کے لیے کوئی تصویر منتخب کریں۔
# $detail comes from the web framework, in English.
admin-media-error-read = ہم یہ اپ لوڈ نہیں پڑھ سکے: { $detail }
admin-media-no-alt = ابھی متبادل متن نہیں
admin-media-alt-hint = تصویر میں کیا دکھایا گیا ہے، ان قارئین کے لیے جو اسے نہیں دیکھ سکتے۔ یہ ہر اس خبر کو پیش کیا جاتا ہے جو یہ تصویر استعمال کرے۔
admin-media-save = تفصیل محفوظ کریں
# Articles keep their own copy of an image's alt text, caption and credit.
admin-media-described = “{ $name }” کی تفصیل محفوظ ہو گئی۔ جو خبریں اسے پہلے سے دکھا رہی ہیں ان کی اپنی تفصیل برقرار رہے گی۔
admin-media-uploaded = “{ $name }” اپ لوڈ ہو گئی۔ نیچے اس کی تفصیل لکھیں: اس کا متبادل متن ہر اس خبر کو پیش کیا جاتا ہے جو یہ تصویر استعمال کرے۔

## Newsroom: people and accounts (admin/people.html)

# The page's heading and title.
admin-people-heading = افراد
admin-people-col-sessions = سیشن
# $role is one of the admin-role-* names.
admin-people-you = { $role } (آپ)
admin-people-role-of = { $name } کا کردار
admin-people-change-role = کردار تبدیل کریں
admin-people-your-sessions = آپ کے سیشن
admin-people-sign-out-everywhere = ہر جگہ سے سائن آؤٹ کریں
admin-people-add-heading = نیا فرد شامل کریں
admin-people-add = اکاؤنٹ بنائیں

## Newsroom: your profile and sessions (admin/profile.html, admin/sessions.rs)

# The page's heading and title.
admin-profile-heading = آپ کا پروفائل
# $link is a link whose text is admin-profile-author-page.
admin-profile-intro = قارئین یہ معلومات آپ کی تحریروں کے نیچے مصنف کے تعارف میں اور { $link } پر دیکھتے ہیں۔
admin-profile-author-page = آپ کے مصنف کے صفحے
admin-profile-save = پروفائل محفوظ کریں
admin-profile-language = نیوز روم کی زبان
admin-profile-language-hint = نیوز روم کے صفحات اور پیغامات آپ کو اس زبان میں دکھائی دیں گے۔ قارئین ہر خبر اس کی اپنی زبان میں دیکھتے ہیں۔
admin-profile-picture-heading = آپ کی تصویر
admin-profile-remove-picture = تصویر ہٹائیں
admin-profile-no-picture = تصویر نہ ہو تو قارئین کو آپ کے نام کے ابتدائی حروف نظر آتے ہیں۔
admin-profile-choose-new-picture = نئی تصویر منتخب کریں
admin-profile-choose-picture = تصویر منتخب کریں
admin-profile-picture-hint = JPEG، PNG، WebP یا GIF، زیادہ سے زیادہ { $mb } MB۔ ہم تصویر کے درمیان سے ایک مربع حصہ کاٹ لیتے ہیں اور مقام سے متعلق معلومات ہٹا دیتے ہیں۔
admin-profile-upload-picture = تصویر اپ لوڈ کریں
admin-profile-sessions-heading = آپ کہاں کہاں سائن اِن ہیں
admin-sessions-col-browser = براؤزر
admin-sessions-col-signed-in = سائن اِن کا وقت
admin-sessions-col-last-used = آخری استعمال
admin-sessions-this = (یہ سیشن)
admin-sessions-not-since = سائن اِن کے بعد سے نہیں
admin-sessions-sign-out-others = باقی تمام سیشنز سے سائن آؤٹ کریں
# Such as Firefox on Linux; browser and system names stay as they are.
admin-browser-on = { $system } پر { $browser }
admin-browser-on-unknown = { $system } پر کوئی براؤزر
admin-browser-unknown = نامعلوم براؤزر

## Newsroom: sections (admin/sections.html, admin/section.html, admin/sections.rs)

# The page's heading and title.
admin-sections-heading = حصے
admin-sections-intro = حصوں سے ویب سائٹ کا مینو بنتا ہے؛ ذیلی حصے اپنے مرکزی حصے کے نیچے آتے ہیں۔ کسی حصے کی جگہ بدلنے کے لیے اسے اوپر یا نیچے کریں۔
admin-sections-col-articles = خبریں
admin-sections-col-order = ترتیب
admin-sections-move-up = اوپر کریں
admin-sections-move-down = نیچے کریں
admin-sections-add-heading = نیا حصہ شامل کریں
admin-sections-address-hint = حصے کا پتا /section/ کے بعد یہ ہوگا۔ خالی چھوڑیں تو نام سے بن جائے گا۔
admin-sections-main-section = کسی کے اندر نہیں: مرکزی حصہ
admin-sections-position-hint-add = کم نمبر پہلے آتے ہیں۔ خالی چھوڑیں تو حصہ آخر میں شامل ہوگا۔
admin-sections-add = حصہ شامل کریں
admin-section-heading = حصے میں ترمیم
# Browser title of a section's page.
admin-section-title = حصے میں ترمیم: { $name }
admin-section-back = حصوں کی فہرست پر واپس
admin-section-address-hint = پتا تبدیل نہیں ہوتا، تاکہ اس حصے کے لنکس کام کرتے رہیں۔
admin-section-position-hint = کم نمبر پہلے آتے ہیں۔
admin-section-save = حصہ محفوظ کریں
admin-sections-error-parent = فہرست میں سے کوئی حصہ منتخب کریں۔
admin-sections-error-position = ترتیب کا نمبر پورے عدد میں لکھیں، جیسے 10 یا 20۔
admin-sections-error-address = حصے کا پتا لکھیں: حروف، ہندسے اور ہائفن۔

## Newsroom: site settings (admin/settings.html)

# The page's heading and title.
admin-settings-heading = ویب سائٹ کی ترتیبات
admin-settings-intro = نام اور ٹیگ لائن ہر صفحے کے اوپر، فیڈز میں اور سرچ کے نتائج میں نظر آتے ہیں۔
admin-settings-site-name = ویب سائٹ کا نام
admin-settings-tagline = ٹیگ لائن
admin-settings-tagline-in = { $language } میں ٹیگ لائن
admin-settings-save = ترتیبات محفوظ کریں
admin-settings-related-count = “یہ بھی پڑھیں” کارڈ
admin-settings-related-count-hint = ہر خبر کے صفحے پر کتنی متعلقہ خبریں دکھائی جائیں۔
admin-settings-images-heading = لوگو اور شیئر تصویر
admin-settings-images-intro = سرچ انجن ہر خبر کے ساتھ لوگو دکھاتے ہیں؛ سوشل نیٹ ورک شیئر تصویر ان خبروں کے ساتھ دکھاتے ہیں جن کی اپنی کوئی تصویر نہ ہو۔
admin-settings-logo = لوگو
admin-settings-logo-hint = ویب سائٹ کے نام کے ساتھ اور ناشر کے لوگو کے طور پر دکھایا جاتا ہے: مربع یا چوڑا، کم از کم 112 پکسل اونچا۔
admin-settings-share-image = طے شدہ شیئر تصویر
admin-settings-share-image-hint = بغیر تصویر والی خبروں کے شیئر کارڈ پر دکھائی جاتی ہے: 1200 × 630 پکسل ہر نیٹ ورک کے لیے موزوں ہے۔
admin-settings-image-none = ابھی کوئی نہیں۔
admin-settings-image-remove = ہٹائیں
admin-settings-error-image = تصویر کی ایسی کوئی ترتیب نہیں۔

## Newsroom: the breaking-news banner (admin/breaking.html)

admin-breaking-heading = بریکنگ نیوز
admin-breaking-intro = ایک پٹی جو کسی ایڈیشن کے ہر صفحے کے اوپر آپ کے دیے ہوئے وقت تک دکھائی دیتی ہے۔ قارئین کو تبدیلی فوراً نظر آتی ہے۔
# $language is the edition's language, named in itself (English, اردو).
admin-breaking-edition = { $language } ایڈیشن
admin-breaking-up-now = اس وقت لگی ہوئی:
# $time is a date and time on the site's clock.
admin-breaking-until = { $time } پر ہٹ جائے گی۔
admin-breaking-none = کوئی پٹی نہیں لگی۔
admin-breaking-take-down = ابھی ہٹائیں
admin-breaking-text = پٹی کا متن
admin-breaking-link = لنک
admin-breaking-link-hint = اختیاری: اس ویب سائٹ کا پتا (/articles/…) یا مکمل ویب پتا۔
# $zone is the site's time zone, such as Asia/Karachi.
admin-breaking-until-field = کب تک ({ $zone })
admin-breaking-put-up = پٹی لگائیں
admin-breaking-replace = پٹی بدلیں

## Newsroom: first-time setup and signing in (admin/setup.html, admin/sign_in.html, admin/sign_in.rs, admin/session.rs)

# The page's heading and title.
admin-setup-heading = اپنا نیوز روم ترتیب دیں
admin-setup-intro = اس ویب سائٹ پر ابھی کوئی اکاؤنٹ نہیں۔ پہلا اکاؤنٹ بنائیں: یہ منتظم کا ہوگا، جو باقی سب کو شامل کر سکے گا۔ یہ کام ہوتے ہی یہ صفحہ غائب ہو جائے گا۔
admin-setup-code = سیٹ اپ کوڈ
admin-setup-code-hint = سرور شروع ہوتے وقت اس کے لاگ میں لکھا گیا تھا (lede serve)۔
admin-setup-wrong-code = سیٹ اپ کوڈ غلط ہے۔ اسے سرور کے لاگ سے نقل کریں، جہاں lede serve نے شروع ہوتے وقت اسے لکھا تھا۔
admin-setup-password-hint = کم از کم 12 حروف۔
admin-setup-submit = منتظم کا اکاؤنٹ بنائیں
# The page's heading and title.
admin-sign-in-heading = سائن اِن
admin-sign-in-submit = سائن اِن کریں
admin-sign-in-rate-limited = آپ کے نیٹ ورک سے سائن اِن کی بہت زیادہ کوششیں ہوئی ہیں۔ چند منٹ انتظار کر کے دوبارہ کوشش کریں۔
admin-sign-in-wrong = ای میل یا پاس ورڈ غلط ہے۔
# English keeps today's wording for one minute too.
admin-sign-in-locked =
    { $minutes ->
        [one] بہت زیادہ ناکام کوششیں: اس ای میل سے سائن اِن مزید { $minutes } منٹ کے لیے بند ہے۔
       *[other] بہت زیادہ ناکام کوششیں: اس ای میل سے سائن اِن مزید { $minutes } منٹ کے لیے بند ہے۔
    }
# $role is one of the admin-role-* names.
admin-error-role = آپ کا کردار ({ $role }) اس کی اجازت نہیں دیتا۔ کسی ایڈیٹر یا منتظم سے رابطہ کریں۔
admin-error-csrf = اس فارم کی مدت ختم ہو چکی ہے یا یہ اس ویب سائٹ سے نہیں آیا۔ واپس جائیں، صفحہ دوبارہ لوڈ کریں اور پھر کوشش کریں۔

## Checks on what people type (lede-core: content.rs, comment.rs, slug.rs, account.rs, api_key.rs)

validation-required = یہ خانہ پُر کرنا ضروری ہے۔
validation-too-long = براہِ کرم زیادہ سے زیادہ { $max } حروف۔
validation-web-address = ایسا ویب پتا لکھیں جو https:// یا http:// سے شروع ہو۔
validation-related-count = 1 سے { $max } تک کوئی عدد لکھیں۔
validation-breaking-expired = ختم ہونے کا وقت آئندہ کا ہونا چاہیے۔
validation-breaking-too-long = کوئی پٹی زیادہ سے زیادہ ایک ہفتہ لگی رہ سکتی ہے۔
validation-language = زبان کا کوڈ لکھیں، جیسے en یا ur۔
validation-language-tag = “{ $text }” زبان کا ٹیگ نہیں ہے: en، ur یا pt-BR جیسا ٹیگ لکھیں۔
# $languages lists the site's language tags, such as en, ur.
validation-language-not-site = “{ $language }” اس ویب سائٹ کی زبانوں ({ $languages }) میں شامل نہیں؛ ان میں سے کوئی ایک چنیں، یا پہلے ویب سائٹ کی ترتیبات میں اسے شامل کریں۔
validation-authors-needed = ہر خبر کا کم از کم ایک مصنف ہونا ضروری ہے۔
validation-translation-self = کوئی خبر اپنا ہی ترجمہ نہیں ہو سکتی۔
validation-body-too-long = متن 5,00,000 حروف سے زیادہ طویل ہے۔
validation-body-both = خبر کا متن یا تو مارک ڈاؤن میں ہو سکتا ہے یا HTML میں، دونوں میں نہیں۔
validation-body-html-too-long = متن HTML کے 10,00,000 حروف سے زیادہ طویل ہے۔
validation-image-alt-featured = نمایاں تصویر کا متبادل متن لکھیں تاکہ جو قارئین اسے نہیں دیکھ سکتے وہ جان سکیں کہ اس میں کیا ہے، یا اگر یہ خبر میں کچھ نہیں جوڑتی تو “آرائشی تصویر” پر نشان لگائیں۔
# $src is the address of the first image without alt text. Keep the Markdown marks as they are.
validation-image-alt-inline =
    { $count ->
        [one] متن کی ایک تصویر کا متبادل متن نہیں ہے: { $src }۔ بریکٹ کے اندر بتائیں کہ اس میں کیا ہے، ![تصویر میں کیا ہے](…)، یا اگر یہ آرائشی ہے تو ![""](…) لکھیں۔
       *[other] متن کی { $count } تصاویر کا متبادل متن نہیں ہے، پہلی { $src }۔ ہر ایک کے بریکٹ کے اندر بتائیں کہ اس میں کیا ہے، ![تصویر میں کیا ہے](…)، یا آرائشی تصویر کے لیے ![""](…) لکھیں۔
    }
validation-page-slug-reserved = /{ $slug } ویب سائٹ کے اپنے استعمال کے لیے مخصوص ہے
validation-article-status-unknown = خبر کی نامعلوم حیثیت "{ $status }"
validation-note-kind-unknown = نوٹ کی نامعلوم قسم "{ $kind }"
validation-comment-status-unknown = تبصرے کی نامعلوم حیثیت "{ $status }"
validation-email = درست ای میل ایڈریس لکھیں، جیسے name@example.com
validation-comment-links = ایک تبصرے میں زیادہ سے زیادہ { $max } لنک ہو سکتے ہیں؛ اس میں { $links } ہیں۔
validation-single-line = یہ خانہ صرف ایک سطر کا ہے: سطر کا وقفہ ہٹا دیں۔
validation-control-character = اس خانے سے نظر نہ آنے والا کنٹرول کیریکٹر { $code } ہٹا دیں۔
validation-slug-empty = سلگ خالی نہیں ہو سکتا۔
validation-slug-too-long = سلگ میں زیادہ سے زیادہ { $max } حروف ہو سکتے ہیں۔
validation-slug-chars = سلگ میں صرف انگریزی کے چھوٹے حروف، ہندسے اور اکہرے ہائفن استعمال ہو سکتے ہیں۔
# The role names stay in English: they are what the command line accepts.
validation-role-unknown = نامعلوم کردار "{ $role }": contributor، author، editor یا admin میں سے کوئی ایک لکھیں
validation-password-short = پاس ورڈ میں کم از کم { $min } حروف ہونے چاہییں۔
validation-password-long = پاس ورڈ زیادہ سے زیادہ 1,024 بائٹس کا ہو سکتا ہے۔
validation-password-hash = پاس ورڈ محفوظ نہیں کیا جا سکا: { $detail }
# The name of an API partner (lede api-key).
validation-partner-control = نام میں کنٹرول کریکٹر نہیں ہو سکتے۔

## Uploaded images (lede-core: media.rs; also admin/media.rs)

media-error-not-image = یہ فائل JPEG، PNG، WebP یا GIF تصویر نہیں ہے (چاہے اس کا نام کچھ بھی ہو)۔
media-error-encode = تصویر کو محفوظ شکل میں نہیں بدلا جا سکا: { $detail }
media-error-too-large = تصویر زیادہ سے زیادہ { $mb } MB کی ہو سکتی ہے۔
media-error-unreadable = یہ تصویر پڑھی نہیں جا سکتی: { $detail }
media-error-too-many-pixels = یہ تصویر { $width }×{ $height } پکسل کی ہے؛ زیادہ سے زیادہ 40 میگا پکسل قبول کیے جاتے ہیں۔
media-error-memory = یہ تصویر { $width }×{ $height } پکسل کی ہے اور اسے پڑھنے کے لیے { $needed } MB میموری درکار ہوگی؛ یہ ویب سائٹ زیادہ سے زیادہ { $limit } MB کی تصاویر پڑھتی ہے۔ تصویر چھوٹی کر کے دوبارہ کوشش کریں۔
media-error-memory-limit = اس تصویر کو پڑھنے کے لیے { $limit } MB سے زیادہ میموری درکار ہوگی؛ یہ ویب سائٹ اس سے بڑی تصاویر نہیں پڑھتی۔ تصویر چھوٹی کر کے دوبارہ کوشش کریں۔
names-error-default-language = “{ $language }” ویب سائٹ کی بنیادی زبان ہے: اس کے نام ہی اصل نام ہیں۔
names-error-twice = “{ $language }” میں نام دو بار دیے گئے ہیں۔
names-error-tag-text = ٹیگ کا صرف نام ہوتا ہے۔

## Publishing rules (lede-core: workflow.rs)

workflow-byline-own = آپ جو خبریں لکھتے ہیں ان پر آپ کا اپنا نام رہتا ہے؛ دوسروں کو صرف ایڈیٹر کریڈٹ دے سکتے ہیں۔
workflow-byline-others = خبر پر کن اور لوگوں کا نام ہو، یہ صرف ایڈیٹر اور منتظم بدل سکتے ہیں۔
store-media-not-yours = یہ تصویر صرف وہی شخص حذف کر سکتا ہے جس نے اسے اپ لوڈ کیا، یا کوئی ایڈیٹر۔
store-media-describe-not-yours = اس تصویر کی تفصیل صرف وہی شخص بدل سکتا ہے جس نے اسے اپ لوڈ کیا، یا کوئی ایڈیٹر۔
workflow-unknown-action = نامعلوم عمل "{ $action }"
workflow-not-author = اس خبر میں صرف اس کے مصنفین اور ایڈیٹر تبدیلی کر سکتے ہیں۔
# $role is one of the admin-role-* names.
workflow-role-cannot-publish = { $role } کے طور پر آپ خبر شائع، طے یا اشاعت سے نہیں ہٹا سکتے؛ اس کے بجائے اسے نظرِ ثانی کے لیے بھیجیں۔
workflow-locked = یہ خبر شائع ہو چکی ہے یا اس کی اشاعت کا وقت طے ہے؛ تبدیلی کے لیے کسی ایڈیٹر سے کہیں۔
workflow-submit-drafts-only = صرف مسودے ہی نظرِ ثانی کے لیے بھیجے جا سکتے ہیں۔
workflow-already-published = یہ خبر پہلے ہی شائع ہو چکی ہے۔
workflow-empty-trash-editors = خبریں ہمیشہ کے لیے صرف ایڈیٹر اور منتظم حذف کر سکتے ہیں۔
workflow-unpublish-only-live = صرف شائع شدہ یا طے شدہ خبریں ہی اشاعت سے ہٹائی جا سکتی ہیں۔
workflow-live-save = یہ خبر شائع شدہ ہے: ”اپ ڈیٹ کریں“ آپ کی تبدیلیاں ابھی ویب سائٹ پر لے آتا ہے، ”بعد کے لیے محفوظ کریں“ انہیں شائع شدہ صفحہ چھیڑے بغیر رکھ لیتا ہے۔
workflow-notes-live-only = تصحیحات اور تازہ کاری کے نوٹ صرف شائع شدہ خبروں کے لیے ہیں۔
workflow-update-live-only = صرف شائع شدہ خبر اپ ڈیٹ ہو سکتی ہے؛ اسے شائع کریں۔
workflow-later-live-only = صرف شائع شدہ خبر کی تبدیلیاں بعد کے لیے محفوظ ہوتی ہیں؛ اسے مسودے کے طور پر محفوظ کریں۔

## Importing from another system: shown by the lede import command (lede-core: transfer.rs; lede-store: sql/transfer.rs)

import-parent-later = اس کا بالائی حصہ { $parent } بعد میں آتا ہے یا بالکل نہیں آتا
import-page-body-html = درآمد شدہ صفحے کا متن HTML میں ہوتا ہے، مارک ڈاؤن میں نہیں۔
import-reply-later = یہ تبصرہ { $parent } کا جواب ہے، جو بعد میں آتا ہے یا بالکل نہیں آتا
import-needs-date = شائع شدہ یا طے شدہ خبر کے لیے تاریخ ضروری ہے۔
import-duplicate = { $kind } { $id } درآمد میں دو بار موجود ہے
# An import problem, after the item it is about.
import-labelled = { $label }: { $message }
import-translation-missing = یہ پوسٹ { $original } کا ترجمہ ہے، جو اس درآمد میں شامل نہیں
import-no-such = { $label }: { $field } "{ $slug }" موجود نہیں

## Refusals from the newsroom's store (lede-store), shown on newsroom pages

store-admin-only-accounts = اکاؤنٹس کا انتظام صرف منتظم کر سکتا ہے۔
store-own-role = کوئی بھی اپنا کردار خود تبدیل نہیں کر سکتا؛ کسی دوسرے منتظم سے کہیں۔
# Shown when signing in right after setup fails.
store-sign-in-wrong = ای میل یا پاس ورڈ غلط ہے
store-sign-in-locked = بہت زیادہ ناکام کوششیں: اکاؤنٹ { $until } تک بند ہے
store-email-taken = { $email } ای میل والا اکاؤنٹ پہلے سے موجود ہے
store-image-in-use = یہ تصویر “{ $headline }” میں استعمال ہو رہی ہے؛ پہلے اس خبر میں تبدیلی کریں۔
store-image-is-site-image = یہ تصویر ویب سائٹ کا لوگو یا طے شدہ شیئر تصویر ہے؛ پہلے ترتیبات میں کوئی اور تصویر چنیں۔
store-not-in-library = میڈیا لائبریری میں سے کوئی تصویر چنیں۔
store-curation-editors-only = سرِ فہرست اور نمایاں خبریں صرف ایڈیٹر اور ایڈمن چنتے ہیں۔
store-breaking-editors-only = بریکنگ نیوز کی پٹی صرف ایڈیٹر اور ایڈمن لگاتے ہیں۔
store-future-publish = آئندہ کسی وقت اشاعت کا مطلب وقت طے کرنا ہے، جس کے لیے نیوز روم کا ایڈمن صفحہ استعمال کریں۔
store-schedule-future = اشاعت کا وقت طے کرنے کے لیے آئندہ کی کوئی تاریخ اور وقت لکھیں۔
store-admin-only-sections = حصوں اور ویب سائٹ کی ترتیبات میں تبدیلی صرف منتظم کر سکتا ہے۔
store-section-inside-itself = کوئی حصہ نہ اپنے اندر رکھا جا سکتا ہے اور نہ اپنے کسی ذیلی حصے کے اندر۔
store-section-address-taken = حصہ “{ $name }” پہلے ہی /section/{ $slug } کا پتا استعمال کر رہا ہے؛ کوئی اور پتا چنیں۔
store-section-has-articles =
    { $count ->
        [one] “{ $name }” میں { $count } خبر موجود ہے، اس لیے اسے حذف نہیں کیا جا سکتا۔ پہلے اسے کسی دوسرے حصے میں منتقل کریں۔
       *[other] “{ $name }” میں { $count } خبریں موجود ہیں، اس لیے اسے حذف نہیں کیا جا سکتا۔ پہلے انہیں کسی دوسرے حصے میں منتقل کریں۔
    }
store-section-has-subsections = “{ $name }” کے ذیلی حصے موجود ہیں، اس لیے اسے حذف نہیں کیا جا سکتا۔ پہلے انہیں منتقل یا حذف کریں۔
store-section-not-empty = اس حصے میں ابھی خبریں یا ذیلی حصے موجود ہیں۔
store-no-section = "{ $slug }" نام کا کوئی حصہ موجود نہیں۔
# $field is section, author or tag.
store-no-such = { $field } "{ $slug }" موجود نہیں۔
store-restore-not-empty = اس سائٹ میں پہلے سے مواد موجود ہے (اس کی { $table } جدول خالی نہیں): لیڈ کی برآمد صرف خالی سائٹ میں بحال کی جاتی ہے۔
store-restore-unknown = خبر “{ $article }” میں { $field } “{ $slug }” کا ذکر ہے، جو فائل میں موجود نہیں۔
store-slug-taken = ایک اور خبر پہلے ہی سلگ “{ $slug }” استعمال کر رہی ہے؛ کوئی دوسرا سلگ چنیں۔
store-article-trashed = یہ خبر ردی کی ٹوکری میں ہے؛ پہلے اسے واپس لائیں۔
store-article-not-trashed = یہ خبر ردی کی ٹوکری میں نہیں ہے۔
store-edit-conflict = آپ کے یہ خبر کھولنے کے بعد کسی اور نے اس میں تبدیلی محفوظ کر دی۔ آپ کا متن نیچے محفوظ ہے: دوبارہ محفوظ کرنے سے پہلے اس کا تازہ ترین نسخے سے موازنہ کر لیں۔
store-reply-other-article = آپ جس تبصرے کا جواب دے رہے ہیں وہ اس خبر پر نہیں ہے۔
store-no-original = “{ $slug }” نام کی کوئی خبر موجود نہیں جس کا ترجمہ کیا جائے۔
store-translation-same-language = “{ $slug }” اسی زبان ({ $language }) میں ہے؛ ترجمہ کسی دوسری زبان میں ہوتا ہے۔
store-language-in-use = کچھ خبریں “{ $language }” میں لکھی گئی ہیں، اس لیے یہ ویب سائٹ کی زبانوں میں شامل رہے گی۔
# A database refusal nothing more specific explains; $detail is the database's own words, in English.
store-duplicate = یہ کسی پہلے سے محفوظ شدہ چیز کو دہرا دے گا: { $detail }

## The language switch in the site header: each language names itself

# This language's own name for itself, shown as the link to its edition.
language-autonym = اردو
# Accessible name of the language switch.
nav-editions-label = اس زبان میں پڑھیں

## The site's languages on /admin/settings

admin-settings-languages = زبانیں
admin-settings-languages-hint = زبانوں کے ٹیگ (BCP 47)، پہلے بنیادی زبان: en, ur۔ باقی زبانوں کے ایڈیشن /ur/ وغیرہ پر ہوں گے۔
admin-settings-remote-images = دوسری ویب سائٹس کی تصاویر دکھانے کی اجازت دیں
admin-settings-remote-images-hint = بند (پہلے سے طے شدہ): صفحات پر صرف اسی ویب سائٹ پر محفوظ تصاویر دکھائی جاتی ہیں، اس لیے قارئین کے براؤزر کسی دوسری ویب سائٹ سے رابطہ نہیں کرتے اور کسی دوسری ویب سائٹ کو پتا نہیں چلتا کہ کون کیا پڑھ رہا ہے۔ درآمد شدہ مضامین کی جو تصاویر اب بھی پرانی ویب سائٹ سے آتی ہیں وہ خالی رہتی ہیں۔ چالو: کسی بھی محفوظ (https) پتے کی تصاویر بھی دکھائی جاتی ہیں، اور انہیں فراہم کرنے والی ویب سائٹس ہر اس قاری کو دیکھ سکتی ہیں جو انہیں کھولتا ہے۔

## Translations of a story

# The link to this language's version of an article, written in this language.
article-read-in-language = یہ خبر اردو میں پڑھیں
# The editor's field naming the article this one translates (its slug).
admin-editor-translation-of = کس خبر کا ترجمہ

## Newsroom: static pages and menus (admin/pages.html, page_editor.html, page_revisions.html,
## page_delete.html, menus.html, admin/pages.rs, admin/menus.rs)

admin-nav-pages = صفحات
admin-nav-menus = مینو
admin-pages-heading = صفحات
admin-pages-intro = مستقل صفحات، جیسے ہمارے بارے میں، رابطہ اور رازداری۔ مسودہ صرف یہیں نظر آتا ہے؛ شائع شدہ صفحہ اپنے پتے پر کھلتا ہے۔
admin-pages-new = نیا صفحہ
admin-pages-col-title = عنوان
admin-pages-status-draft = مسودہ
admin-pages-status-published = شائع شدہ
admin-pages-publish = شائع کریں
admin-pages-unpublish = اشاعت سے ہٹائیں
admin-pages-none = ابھی کوئی صفحہ نہیں۔
admin-pages-edit-title = صفحے { $title } میں ترمیم
admin-pages-view = صفحہ دیکھیں
# $count is how many revisions the page has.
admin-pages-revisions = پچھلے نسخے ({ $count })
admin-pages-back = تمام صفحات
admin-pages-address-hint = صفحہ / کے بعد اس پتے پر ہوگا۔ خالی چھوڑیں تو عنوان سے بنا لیا جائے گا۔
admin-pages-body = متن
admin-pages-body-hint = مارک ڈاؤن: **جلی**، *ترچھا*، [ربط](https://example.com)، ## سرخی۔
admin-pages-save = محفوظ کریں
admin-pages-delete = یہ صفحہ حذف کریں
admin-pages-delete-question = کیا یہ صفحہ حذف کر دیا جائے؟
# $address is the page's path, such as /about.
admin-pages-delete-explain = “{ $title }” ({ $address }) اور اس کے تمام پچھلے نسخے حذف ہو جائیں گے، اور مینو سے اس کے ربط ہٹ جائیں گے۔ یہ عمل واپس نہیں ہو سکتا۔
admin-pages-delete-confirm = حذف کریں
admin-pages-delete-cancel = رہنے دیں
admin-pages-back-to-page = صفحے پر واپس جائیں
admin-pages-current-version = یہ موجودہ نسخہ ہے۔
admin-page-revisions = { $title } کے پچھلے نسخے
admin-pages-error-address = صفحے کا پتہ لکھیں: حروف، ہندسے اور ہائفن۔
admin-flash-page-saved = صفحہ مسودے کے طور پر محفوظ ہو گیا: قارئین کو یہ نظر نہیں آتا۔
admin-flash-page-published = صفحہ شائع ہو گیا: قارئین اسے اس کے پتے پر دیکھ سکتے ہیں۔
admin-flash-page-updated = صفحہ اپ ڈیٹ ہو گیا: قارئین کو آپ کی تبدیلیاں نظر آ رہی ہیں۔
admin-flash-page-unpublished = صفحہ اشاعت سے ہٹا دیا گیا: اب اس کا پتہ نہیں کھلتا۔
admin-flash-page-restored = پچھلا نسخہ بحال ہو گیا۔
admin-flash-page-deleted = صفحہ حذف ہو گیا۔
admin-flash-menu-saved = مینو محفوظ ہو گیا۔
admin-flash-menu-reset = مینو پہلے جیسا ہو گیا: ویب سائٹ پر طے شدہ ربط نظر آ رہے ہیں۔
admin-menus-heading = مینو
admin-menus-intro = ویب سائٹ کے اوپر اور نیچے والے ربط، ترتیب سے: حصے، صفحات اور دوسری ویب سائٹوں کے پتے۔ ہر زبان کے اپنے مینو ہیں۔
admin-menus-languages = زبان کے لحاظ سے مینو
admin-menus-header = اوپر کا مینو
admin-menus-footer = نیچے کا مینو
admin-menus-default = ابھی محفوظ نہیں ہوا: ویب سائٹ پر یہ طے شدہ ربط نظر آ رہے ہیں۔ کوئی بھی تبدیلی مینو کو محفوظ کر دے گی۔
admin-menus-kind-section = حصہ
admin-menus-kind-page = صفحہ
admin-menus-kind-link = ربط
admin-menus-hidden = صفحہ مسودہ رہنے تک چھپا ہوا
admin-menus-remove = ہٹائیں
admin-menus-empty = کوئی ربط نہیں۔
admin-menus-add = ربط شامل کریں
admin-menus-label-optional = نام (اختیاری)
admin-menus-add-section = حصہ شامل کریں
admin-menus-add-page = صفحہ شامل کریں
admin-menus-label = نام
admin-menus-url = پتہ
admin-menus-url-hint = کسی دوسری ویب سائٹ کے لیے https://…، یا اسی ویب سائٹ کا کوئی راستہ، جیسے /corrections۔
admin-menus-add-link = ربط شامل کریں
admin-menus-reset = طے شدہ ربط استعمال کریں
admin-menus-draft-page = { $title } (مسودہ)
validation-page-status = مسودہ یا شائع شدہ میں سے ایک منتخب کریں۔
validation-menu-unknown = اس نام کا کوئی مینو نہیں۔
validation-menu-kind = کوئی حصہ، صفحہ یا ربط منتخب کریں۔
validation-menu-address = ایسا پتہ لکھیں جو https:// سے شروع ہو، یا اس ویب سائٹ کا کوئی راستہ جو / سے شروع ہو۔
validation-menu-too-long = ایک مینو میں زیادہ سے زیادہ { $max } ربط ہو سکتے ہیں۔
store-pages-editors-only = صفحات صرف ایڈیٹر اور ایڈمن لکھتے اور شائع کرتے ہیں۔
store-page-address-taken = پتہ /{ $slug } پہلے ہی کسی اور صفحے کا ہے؛ کوئی دوسرا منتخب کریں۔
store-no-page = "{ $slug }" نام کا کوئی صفحہ نہیں۔

## Newsroom: webhooks (admin/webhooks.html, admin/webhook.html, the dashboard's notice)

admin-nav-webhooks = ویب ہُکس
admin-webhooks-heading = ویب ہُکس
admin-webhooks-intro = دوسرے نظام ویب سائٹ پر ہونے والی تبدیلیوں کی خبر پاتے ہیں: ہر اینڈ پوائنٹ کو اس کے منتخب کردہ واقعات دستخط شدہ JSON (Standard Webhooks) کی صورت میں بھیجے جاتے ہیں، اور جواب نہ ملنے پر ایک دن تک دوبارہ کوشش کی جاتی ہے۔
admin-webhooks-created = اینڈ پوائنٹ شامل ہو گیا: { $url }
admin-webhooks-secret-once = اس کی دستخطی خفیہ کلید صرف ابھی دکھائی جا رہی ہے: اسے وصول کرنے والے نظام میں نقل کر لیں، جو اسی سے ہر ترسیل کے دستخط کی تصدیق کرتا ہے۔
admin-webhooks-open-log = اس کا ترسیلی ریکارڈ کھولیں
admin-webhooks-col-url = پتا
admin-webhooks-col-events = واقعات
admin-webhooks-col-state = کیفیت
admin-webhooks-disabled-since = { $time } سے غیر فعال۔
admin-webhooks-failing-since = { $time } سے ناکام
admin-webhooks-enabled = فعال
admin-webhooks-none = ابھی کوئی اینڈ پوائنٹ نہیں۔
admin-webhooks-add-heading = اینڈ پوائنٹ شامل کریں
admin-webhooks-url = پتا (http یا https)
admin-webhooks-url-hint = نجی نیٹ ورک، اسی مشین یا لنک لوکل دائرے کے پتے قبول نہیں کیے جاتے۔
admin-webhooks-events = بھیجے جانے والے واقعات
admin-webhooks-event-article-published = کوئی خبر شائع ہو
admin-webhooks-event-article-updated = کسی شائع شدہ خبر میں تبدیلی ہو
admin-webhooks-event-article-unpublished = کوئی خبر ویب سائٹ سے ہٹائی جائے
admin-webhooks-event-comment-approved = کسی قاری کا تبصرہ منظور ہو
admin-webhooks-event-newsletter-sent = کوئی نیوز لیٹر بھیج دیا جائے
admin-webhooks-add = اینڈ پوائنٹ شامل کریں
admin-webhooks-back = تمام ویب ہُکس
admin-webhooks-log-heading = { $url } کو ترسیلات
admin-webhooks-disabled-why = ایک دن کی ناکام ترسیلات کے بعد اسے غیر فعال کر دیا گیا: دوبارہ فعال کیے جانے تک اسے کچھ نہیں بھیجا جائے گا۔
admin-webhooks-enable = دوبارہ فعال کریں
admin-webhooks-log = ترسیلی ریکارڈ
admin-webhooks-col-event = واقعہ
admin-webhooks-col-status = حالت
admin-webhooks-col-time = قطار میں آیا
admin-webhooks-col-attempts = کوششیں (وقت: جواب)
admin-webhooks-col-next = اگلی کوشش
admin-webhooks-col-actions = اقدامات
admin-webhooks-status-pending = منتظر
admin-webhooks-status-delivered = پہنچ گیا
admin-webhooks-status-failed = ناکام
admin-webhooks-send-again = دوبارہ بھیجیں
admin-webhooks-log-empty = ابھی کچھ نہیں بھیجا گیا۔
admin-webhooks-delete-hint = اینڈ پوائنٹ حذف کرنے سے اس کا ریکارڈ بھی حذف ہو جاتا ہے۔
admin-webhooks-delete = اینڈ پوائنٹ حذف کریں
admin-webhooks-error-timeout = وقت پر کوئی جواب نہیں آیا
admin-webhooks-error-connect = رابطہ نہ ہو سکا
admin-webhooks-error-private-address = رد: یہ پتا نجی نیٹ ورک پر ہے
admin-webhooks-error-address = یہ پتا استعمال نہیں ہو سکتا
admin-webhooks-error-other = درخواست ناکام رہی
admin-webhooks-flash-queued = دوبارہ بھیجنے کے لیے قطار میں لگا دیا گیا۔
admin-webhooks-flash-enabled = اینڈ پوائنٹ دوبارہ فعال کر دیا گیا۔
admin-webhooks-flash-deleted = اینڈ پوائنٹ حذف کر دیا گیا۔
admin-dashboard-webhook-disabled = ویب ہک اینڈ پوائنٹ { $url } ایک دن تک ناکام رہا اور غیر فعال کر دیا گیا۔
admin-dashboard-webhook-open = اس کی ترسیلات دیکھیں
validation-webhook-url = http:// یا https:// سے شروع ہونے والا مکمل ویب پتا دیں، صارف نام یا پاس ورڈ کے بغیر۔
validation-webhook-private = یہ پتا نجی نیٹ ورک، اسی مشین یا لنک لوکل دائرے میں ہے: ویب ہُکس وہاں نہیں بھیجے جاتے۔
validation-webhook-events = فہرست میں سے کم از کم ایک واقعہ منتخب کریں۔
store-webhooks-admins-only = ویب ہُکس کا انتظام صرف منتظم کرتا ہے۔

## نیوز لیٹر: قاری کے صفحات، ای میلیں، فہرستوں کے نام

newsletter-list-daily = روزانہ خلاصہ
newsletter-list-breaking = تازہ ترین خبر
subscribe-heading = نیوز لیٹر
subscribe-intro = خبریں ای میل پر، مفت: اپنی فہرستیں منتخب کریں۔ پہلے ہم تصدیق کی ای میل بھیجتے ہیں، اور تصدیق تک کچھ اور نہیں۔
subscribe-email = ای میل پتا
subscribe-lists = فہرستیں
subscribe-button = سبسکرائب کریں
subscribe-privacy = ہر ای میل میں ایک کلک میں سبسکرپشن ختم کرنے کا لنک ہوتا ہے۔ ہم آپ کا پتا کسی کو نہیں دیتے۔
subscribe-sent-heading = اپنا ان باکس دیکھیں
subscribe-sent = اگر { $email } ہمارے نیوز لیٹر وصول کر سکتا ہے تو تصدیقی لنک والی ای میل راستے میں ہے۔ اس لنک پر جانے تک کچھ اور نہیں بھیجا جائے گا۔
subscribe-error-too-fast = فارم توقع سے کہیں زیادہ جلدی بھرا گیا۔ براہِ کرم اسے دیکھ کر دوبارہ بھیجیں۔
subscribe-error-expired = یہ فارم بہت دیر کھلا رہا۔ براہِ کرم دوبارہ بھیجیں۔
subscribe-error-invalid-token = اس فارم کی جانچ نہیں ہو سکی۔ براہِ کرم دوبارہ بھیجیں۔
subscribe-rate-limited = آپ کے کنکشن سے مختصر وقت میں کئی سبسکرپشنز آئیں۔ براہِ کرم چند منٹ انتظار کریں۔
subscribe-confirmed-heading = آپ سبسکرائب ہو گئے
subscribe-confirmed = شکریہ: آپ کے نیوز لیٹر اسی پتے پر آئیں گے۔ ہر ای میل میں سبسکرپشن ختم کرنے کا لنک ہوتا ہے۔
subscribe-problem-heading = یہ لنک کام نہیں کرتا
subscribe-again = سبسکرائب کریں
newsletters-manage-heading = آپ کے نیوز لیٹر
newsletters-manage-intro = وہ فہرستیں منتخب کریں جو آپ وصول کرنا چاہتے ہیں۔
newsletters-manage-none = سب فہرستوں سے نشان ہٹا دیں تو سب سے سبسکرپشن ختم ہو جائے گی اور آپ کا پتا حذف ہو جائے گا۔
newsletters-manage-save = محفوظ کریں
newsletters-manage-link = اپنی فہرستیں بدلیں
newsletters-saved = محفوظ ہو گیا: آپ کو منتخب فہرستیں ملیں گی۔
newsletters-removed = آپ کی سب فہرستوں سے سبسکرپشن ختم ہو گئی، اور آپ کا پتا حذف ہو گیا۔
newsletters-unsubscribe-heading = سبسکرپشن ختم کریں
newsletters-unsubscribe-question = کیا { $email } پر { $list } بھیجنا بند کر دیں؟
newsletters-unsubscribe-button = سبسکرپشن ختم کریں
newsletters-unsubscribed = اب آپ کو { $list } نہیں ملے گا۔
newsletter-subject-breaking = تازہ ترین: { $headline }
newsletter-subject-daily = { $site }: روزانہ خلاصہ، { $date }
newsletter-read-more = پوری خبر پڑھیں
newsletter-why = آپ کو { $site } کا { $list } اس لیے ملتا ہے کہ آپ نے اسے سبسکرائب کیا۔
newsletter-unsubscribe = سبسکرپشن ختم کریں
newsletter-confirm-subject = { $site } کی سبسکرپشن کی تصدیق کریں
newsletter-confirm-body = کسی نے، غالباً آپ نے، اس پتے پر { $site } سے { $lists } وصول کرنے کی درخواست کی۔ تصدیق تک کچھ نہیں بھیجا جائے گا۔ یہ لنک 7 دن کام کرتا ہے۔
newsletter-confirm-button = میری سبسکرپشن کی تصدیق کریں
newsletter-confirm-ignore = اگر یہ آپ نہیں تھے تو اس ای میل کو نظرانداز کریں: آپ کو کچھ نہیں ملے گا۔
newsletter-no-list = کم از کم ایک فہرست منتخب کریں۔
newsletter-link-invalid = یہ لنک ہمارا بھیجا ہوا نہیں، یا اسے بدلا گیا ہے۔
newsletter-link-expired = اس تصدیقی لنک کی مدت ختم ہو گئی۔ نیا لنک پانے کے لیے دوبارہ سبسکرائب کریں۔
newsletter-publish-only = خبر شائع ہونے پر ای میل کی جاتی ہے: شائع کریں یا اپ ڈیٹ کریں منتخب کریں۔
newsletter-csv-header = فائل کی پہلی سطر میں ای میل کا کالم ہونا چاہیے۔
newsletter-csv-row = سطر { $line } درست سبسکرائبر نہیں: اس کا پتا دیکھیں۔
newsletter-csv-too-long = ایک فائل میں زیادہ سے زیادہ { $max } سبسکرائبر ہو سکتے ہیں۔
store-newsletters-editors-only = نیوز لیٹر کا انتظام صرف ایڈیٹر اور منتظم کرتے ہیں۔
validation-newsletter-time = دن کا وقت HH:MM کی شکل میں دیں، جیسے 07:00۔

## نیوز روم: نیوز لیٹر

admin-nav-newsletters = نیوز لیٹر
admin-newsletters-heading = نیوز لیٹر
admin-newsletters-outbox = کوئی SMTP سرور ترتیب نہیں دیا گیا: ای میلیں بھیجنے کے بجائے .eml فائلوں کی صورت میں { $path } میں لکھی جاتی ہیں۔ SMTP ترتیب دینے کا طریقہ README میں ہے۔
admin-newsletters-no-mail = یہ سرور ای میل نہیں بھیجتا۔
admin-newsletters-issues = حال ہی میں بھیجے گئے
admin-newsletters-no-issues = ابھی تک کچھ نہیں بھیجا گیا۔
admin-newsletters-col-list = فہرست
admin-newsletters-col-what = کیا
admin-newsletters-col-queued = قطار میں
admin-newsletters-col-delivered = پہنچ گئے
admin-newsletters-col-failed = ناکام
admin-newsletters-col-unsubscribed = سبسکرپشن ختم
admin-newsletters-settings = فہرستیں اور اوقات
admin-newsletters-daily-time = روزانہ خلاصے کا وقت
admin-newsletters-daily-time-hint = سائٹ کا مقامی وقت۔ خلاصے میں پچھلے 24 گھنٹوں کی خبریں ہوتی ہیں، اور جس دن کوئی خبر نہ ہو اس دن نہیں بھیجا جاتا۔
admin-newsletters-sections = وہ حصے جن کی اپنی فہرست ہو
admin-newsletters-save = محفوظ کریں
admin-newsletters-saved = نیوز لیٹر کی ترتیبات محفوظ ہو گئیں۔
admin-newsletters-subscribers = { $count ->
    [one] { $count } سبسکرائبر
   *[other] { $count } سبسکرائبر
}
admin-newsletters-search = پتا تلاش کریں
admin-newsletters-search-button = تلاش
admin-newsletters-col-email = پتا
admin-newsletters-col-status = حالت
admin-newsletters-col-lists = فہرستیں
admin-newsletters-status-pending = ابھی تصدیق نہیں ہوئی
admin-newsletters-status-confirmed = تصدیق شدہ
admin-newsletters-status-undeliverable = ناقابلِ ترسیل
admin-newsletters-remove = ہٹائیں
admin-newsletters-removed = سبسکرائبر ہٹا دیا گیا: پتے کا صرف ایک کلیدی ہیش رکھا گیا ہے تاکہ اسے دوبارہ کبھی ای میل نہ ہو۔
admin-newsletters-no-subscribers = کوئی سبسکرائبر نہیں ملا۔
admin-newsletters-previous = پچھلا
admin-newsletters-next = اگلا
admin-newsletters-export = سب سبسکرائبر ڈاؤن لوڈ کریں (CSV)
admin-newsletters-import = سبسکرائبر درآمد کریں
admin-newsletters-import-hint = پہلی سطر میں کالموں کے نام والی CSV: email (لازمی)، language، lists (جیسے daily:ur breaking:ur) اور consent (پہلے سے تصدیق شدہ قارئین کے لیے yes؛ باقی کو پہلے تصدیقی ای میل جاتی ہے)۔ ہٹائے گئے پتے شامل نہیں کیے جاتے۔
admin-newsletters-import-file = CSV فائل
admin-newsletters-import-button = درآمد کریں
admin-newsletters-imported = درآمد مکمل: { $confirmed } تصدیق شدہ، { $to_confirm } کو تصدیقی ای میل بھیجی گئی، { $removed } پہلے ہٹائے جانے کی وجہ سے شامل نہیں کیے گئے۔
admin-editor-email = سبسکرائبرز کو ای میل
admin-editor-email-none = ای میل نہ کریں
admin-editor-email-breaking = تازہ ترین خبر کے طور پر ای میل کریں
admin-editor-email-hint = خبر شائع ہونے پر بھیجی جاتی ہے، ہر فہرست کو ایک بار۔
admin-editor-email-preview = ای میل کا پیش منظر دیکھیں اور آزمائشی ای میل بھیجیں
admin-email-heading = ای میل کا پیش منظر
admin-email-list = فہرست
admin-email-show = دکھائیں
admin-email-subject = عنوان
admin-email-frame = ای میل جیسے سبسکرائبرز اسے پڑھیں گے
admin-email-text = سادہ متن والا نسخہ
admin-email-draft = یہ خبر ابھی شائع نہیں ہوئی: ای میل اسی وقت جاتی ہے جب یہ شائع ہو۔
admin-email-send-test = مجھے آزمائشی ای میل بھیجیں
admin-email-test-hint = یہ ای میل ابھی صرف { $to } کو بھیجتا ہے؛ کسی اور کو نہیں ملتی۔
admin-email-test-sent = آزمائشی ای میل { $to } کو بھیج دی گئی۔
admin-email-test-failed = آزمائشی ای میل نہیں بھیجی جا سکی: { $error }
admin-email-no-mail = اس سائٹ پر ای میل ترتیب نہیں دی گئی، اس لیے آزمائشی ای میل نہیں بھیجی جا سکتی۔
admin-email-sent-heading = اس خبر کی ای میلز
admin-email-back = خبر پر واپس
newsletter-test-subject = [آزمائش] { $subject }
subscribe-box-heading = خبریں ای میل پر پائیں
subscribe-box-text = روزانہ خلاصہ اور تازہ ترین خبریں، مفت۔ ایک کلک میں سبسکرپشن ختم کریں۔
subscribe-box-more = مزید فہرستیں
