### Lede's default theme: interface strings in English.
###
### Project Fluent syntax (https://projectfluent.org/). Every text the reader site and the
### newsroom show, apart from the content itself (articles, names, the site's name and
### tagline), has a message here. Other languages live next to this file, in
### locales/<language tag>/main.ftl, with exactly the same message ids; see README.md.
###
### Conventions:
###   - ids are lower-case and hyphenated, prefixed by where they appear: nav-, article-,
###     comments-, search-, error-, admin-…, validation-, store-… ; those lede-core and
###     lede-store write are also listed, with their English, in lede_core::message (a test
###     keeps the two the same).
###   - the English text is exactly what Lede shows today, so wiring a message in changes
###     nothing for English readers. SOURCES.tsv says where each one is used.
###   - variables ($minutes, $name…) are filled in by the code; numbers that vary use CLDR
###     plural categories (English: one, other).


## Reader site: the layout every page shares (base.html)

nav-skip-to-content = Skip to content
# The search box's label and placeholder.
nav-search-articles = Search articles
# The search box's button.
nav-search = Search
# Accessible name of the section menu.
nav-sections-label = Sections
nav-home = Home
# Accessible name of the footer links.
footer-nav-label = About this site
footer-all-articles = All articles
# The footer's link to the corrections page.
footer-corrections = Corrections
# The tagline a new site starts with, until the newsroom sets its own.
site-default-tagline = Independent news

## Reader site: bylines, cards and pagination (macros.html)

# Between authors in a byline, except the last two. A string literal keeps the spaces.
byline-comma = { ", " }
# Between the last two authors in a byline.
byline-and = { " and " }
pagination-label = Pages
# Arrows point towards the start of the line: left in English, right in Urdu.
pagination-newer = ← Newer
pagination-page-of = Page { $page } of { $pages }
pagination-older = Older →

## Reader site: the article page (article.html)

# $authors is the byline built with byline-comma and byline-and, as links.
article-byline = By { $authors }
# Before the time of the last update.
article-updated = Updated
# Reading time; $minutes is at least 1.
article-min-read =
    { $minutes ->
        [one] { $minutes } min read
       *[other] { $minutes } min read
    }
# Heading read by screen readers only.
article-tags-heading = Tags
# Heading read by screen readers only, above an article's corrections and update notes.
article-notes-heading = Corrections and updates
# Labels a dated correction printed with an article, and on the corrections page.
article-note-correction = Correction
# Labels a dated update note printed with an article.
article-note-update = Update
# Above a preview of an article: readers do not see this version (yet).
article-preview-banner = Preview: readers do not see this version.
article-about-author = About the author
article-author-website = Website
related-heading = You May Also Like
more-from-author = More From Author

## Reader site: comments under an article (article.html, site/comments.rs)

# When there are no comments yet.
comments-heading = Comments
comments-heading-count = Comments ({ $count })
comments-held = Thank you. Your comment is awaiting moderation and will appear once an editor approves it.
comments-none = There are no comments
comments-add-yours = Add yours
comments-hint = Comments are moderated before they appear. Your email address is never published.
comments-not-sent = Your comment was not sent yet.
comments-correct-fields = Please correct the fields marked below.
comments-reply-to = Reply to
comments-reply-nobody = Nobody in particular (a new comment)
comments-field-name = Name
comments-field-email = Email
comments-field-website = Website (optional)
comments-field-text = Comment
# A trap for spam robots, hidden from people.
comments-honeypot = Leave this field empty
comments-submit = Post comment
comments-error-too-fast = That was quicker than we expect anyone to write a comment. Please check it and send it again.
comments-error-expired = This form was open for more than a day. Please send your comment again.
comments-error-invalid-token = We could not verify this form. Please send your comment again from the article page.
comments-error-used-token = This form has already been used to send a comment. Please check your comment and send it again.
comments-error-bad-parent = The reply was not to a valid comment.
comments-error-rate-limited = You have sent several comments in a short time. Please wait a few minutes before sending another.

## Reader site: the front page (home.html)

# Heading read by screen readers only.
home-heading = { $site }: latest news
home-lead-label = Lead story
home-empty = Nothing has been published yet.
home-latest = Latest
home-more = More articles →
# The row of articles editors marked "Featured".
home-featured = Featured

## Reader site: the breaking-news banner over every page of an edition (base.html)

# The banner's accessible name, and the word before its text.
breaking-label = Breaking news
breaking-kicker = Breaking

## Reader site: lists of articles and archives (list.html, site/lists.rs)

list-empty = No articles here yet.
# Shown above the heading of /articles.
list-kind-all = All articles
list-all-heading = Latest news
# Shown above a section's name.
list-kind-section = Section
# Shown above a tag's name.
list-kind-tag = Tag
# Shown above an archive's date.
list-kind-archive = Archive
# The browser title of page 2 and later of a list.
list-title-page = { $heading } – page { $page }
# The corrections page (corrections.html, site/corrections.rs).
corrections-heading = Corrections
corrections-description = Mistakes we have put right in our articles, newest first.
corrections-none = No corrections yet.
list-tag-description = Articles tagged { $tag }
# $period is an archive heading: a year, a month or a day.
list-archive-description = Articles published in { $period }

## Reader site: search (search.html, site/search.rs)

# The search page's heading and title before anything is searched.
search-title = Search
search-results-for = Results for “{ $query }”
# Browser title of a results page.
search-page-title = Search: { $query }
search-words = Words
search-section = Section
search-all-sections = All sections
search-author = Author
search-all-authors = All authors
search-from = From
search-to = To
search-submit = Search
search-found =
    { $total ->
        [one] { $total } article found
       *[other] { $total } articles found
    }
# Only the newest matches are ranked; $total is how many, and older ones match too.
search-found-more = The best of the newest { $total } articles found; older ones match too
search-none = Nothing matched. Try fewer or different words.
# $field is from or to, the name of the date's input.
search-error-bad-date =
    { $field ->
        [from] The from date “{ $text }” is not a date like 2026-11-28.
       *[to] The to date “{ $text }” is not a date like 2026-11-28.
    }
search-error-too-long = Search for at most { $max } characters.
search-error-no-section = There is no section “{ $section }”.
search-error-no-author = There is no author “{ $author }”.

## Reader site: author pages (author.html)

author-kicker = Author
author-articles-by = Articles by { $name }
author-empty = No articles yet.

## Feeds: titles shown by feed readers and in <link rel=alternate> (feeds.rs, site/mod.rs)

# $format is RSS, Atom or JSON Feed, which stay as they are.
feed-link-title = { $title } ({ $format })
# A section's, tag's or author's feed.
feed-title = { $site }: { $name }
feed-tag-description = Articles tagged { $tag }

## Error pages: headings (site/pages.rs) and the page itself (error.html)

# $status is the HTTP status code, such as 404.
error-kicker = Error { $status }
# $home and $browse are links whose texts are error-go-home and error-browse-all.
error-next-steps = { $home } or { $browse }.
error-go-home = Go to the front page
error-browse-all = browse all articles
error-not-found-title = Page not found
error-unprocessable-title = Please check what you sent
error-too-large-title = That was too long
error-too-many-title = Please slow down
error-forbidden-title = Not allowed
error-bad-request-title = We could not understand that request
error-generic-title = Something went wrong
error-not-found = We could not find that page. It may have moved, or the address may be mistyped.
error-gone-title = Article removed
error-gone = This article has been removed and is no longer available.
error-sign-in-first = Sign in at /admin first.
error-method-not-allowed = This address does not accept that method.
error-internal = Something went wrong on our side. Please try again shortly.
error-unavailable = The site cannot reach its database just now. Please try again in a few seconds.
# The content API's 404; the path stays as it is.
error-api-not-found = Nothing is at this address: the resource does not exist or is not public. See /api/openapi.json for the API's routes.
# $detail comes from the web framework, in English.
error-bad-query = We could not read the query string: { $detail }
error-form-too-large = That was more text than we accept in one go. Please shorten it and send it again.
# $detail comes from the web framework, in English.
error-bad-form = We could not read that form: { $detail }
error-bad-page-number = “{ $text }” is not a page number: use 1, 2, 3…
error-foreign-form = Forms can only be sent from this site's own pages.

## Newsroom: the layout and menu (admin/layout.html)

# The browser title of every newsroom page.
admin-page-title = { $title } | { $site } newsroom
admin-badge = Newsroom
# $role is one of the admin-role-* names.
admin-signed-in-as = { $name } ({ $role })
admin-sign-out = Sign out
# Accessible name of the newsroom menu.
admin-nav-label = Newsroom
admin-nav-dashboard = Dashboard
admin-nav-articles = Articles
# A menu link, a button, and the editor's heading and title for an unsaved article.
admin-new-article = New article
admin-nav-media = Media
admin-nav-comments = Comments
admin-nav-breaking = Breaking news
admin-nav-people = People
admin-nav-sections = Sections
admin-nav-settings = Site settings
admin-nav-profile = Your profile
admin-nav-view-site = View site

## Newsroom: names of roles and statuses (shown through the capitalize and replace filters today)

# Role names appear in lower case in English.
admin-role-contributor = contributor
admin-role-author = author
admin-role-editor = editor
admin-role-admin = admin
# Article statuses: the status tabs, the desk's status column and the editor's badge (which CSS shows in capitals).
admin-status-new = New
admin-status-draft = Draft
admin-status-in_review = In review
admin-status-scheduled = Scheduled
admin-status-published = Published
admin-status-unpublished = Unpublished
# Comment statuses, as the moderation tabs show them.
admin-comment-status-pending = Pending
admin-comment-status-approved = Approved
admin-comment-status-spam = Spam
admin-comment-status-trash = Trash

## Newsroom: form fields and table columns used on several pages

admin-field-name = Name
admin-field-email = Email
admin-field-role = Role
admin-field-password = Password
admin-field-website = Website
admin-field-bio = Bio
# A web address (a path on the site), not a postal one.
admin-field-address = Address
# The parent of a section.
admin-field-inside = Inside
admin-field-position = Position
admin-field-description = Description
# A field for a name in another of the site's languages; $language is that language's own
# name for itself (اردو).
admin-field-name-in = Name in { $language }
# A section's description in another of the site's languages ($language: اردو).
admin-field-description-in = Description in { $language }
# An author's bio in another of the site's languages ($language: اردو).
admin-field-bio-in = Bio in { $language }
admin-col-actions = Actions
admin-delete = Delete

## Newsroom: dashboard (admin/dashboard.html)

# The dashboard's heading and title.
admin-dashboard-heading = Newsroom
admin-dashboard-welcome = Welcome, { $name }.
admin-dashboard-comments = Comments
# Follows the number of pending comments, shown large above it.
admin-dashboard-awaiting =
    { $count ->
        [one] comment awaits moderation.
       *[other] comments await moderation.
    }
admin-dashboard-moderate = Moderate comments

## Newsroom: the articles desk (admin/articles.html)

# The desk's heading and title.
admin-articles-heading = Articles
admin-articles-status-label = Article status
admin-articles-all = All
admin-articles-headline = Headline
admin-articles-section = Section
admin-all-sections = All sections
admin-articles-author = Author
admin-all-authors = All authors
admin-articles-filter = Filter
admin-articles-count =
    { $total ->
        [one] { $total } article
       *[other] { $total } articles
    }
# Where the desk shows no article: the filters match none, or nothing is in the trash.
admin-articles-none = No articles match.
admin-articles-trash-empty = The trash is empty.
admin-articles-col-status = Status
admin-articles-col-authors = Authors
admin-articles-col-updated = Updated
admin-articles-view = view
# Marks an article whose changes were saved for later and are not live yet.
admin-articles-pending = changes pending
# The trash's view of the desk, and its tab beside the status counts ("Trash (3)").
admin-articles-trash-heading = Trash
admin-articles-trash-tab = Trash
admin-articles-empty-trash = Empty trash
admin-articles-bulk-label = Bulk actions:
admin-articles-restore = Restore
admin-articles-delete-permanently = Delete permanently
admin-articles-move = Move to section
admin-articles-trash = Trash
admin-articles-move-to = Section to move to
admin-articles-apply = Apply
# Links that tick, or untick, every line's checkbox (they work without JavaScript).
admin-articles-select-all = Select all
admin-articles-select-none = Select none
admin-articles-col-select = Select
admin-articles-select = Select “{ $headline }”
admin-articles-col-language = Language
admin-articles-col-words = Words
admin-articles-col-comments = Comments
admin-articles-col-trashed = Trashed
# In the trash: the status the article had before ($status is a status's name).
admin-articles-was = was { $status }

## Newsroom: the article editor (admin/editor.html, admin/articles.rs, static/editor.js)

admin-editor-edit = Edit article
admin-editor-view-published = View the published article
# Refused to a contributor or author who opens someone else's article.
admin-article-not-yours = Only the article's authors and editors may open it in the newsroom.
# Links to an article's earlier versions, and that page's title.
admin-editor-revisions = Revisions
admin-editor-headline = Headline
# The summary under the headline.
admin-editor-standfirst = Standfirst
admin-editor-body = Body
# Keep the Markdown marks (** _ ## > - [ ]( ) [^1]) as they are.
admin-editor-markdown-hint = Markdown: **bold**, _italic_, ## subheading, > quote, - list, [link](https://…), tables and footnotes[^1]. Images: ![alt text](address "caption | credit"), or ![""](address) for a decorative one.
admin-editor-preview-heading = Preview
admin-editor-slug = Slug
admin-editor-slug-hint = Left empty, it is made from the headline. Must be unique.
admin-editor-section = Section
admin-editor-choose = Choose…
admin-editor-tags = Tags
# Tags are split at the Latin comma only, not at the Urdu comma ،.
admin-editor-tags-hint = Comma-separated; new tags are created.
admin-editor-authors = Authors
admin-editor-language = Language
admin-editor-featured-image = Featured image
admin-editor-image-address = Image address
# $library is a link whose text is admin-editor-media-library.
admin-editor-image-hint = An image from the { $library }.
admin-editor-media-library = media library
# Describes the image for people who cannot see it.
admin-editor-alt = Alt text
admin-editor-caption = Caption
# Who took or owns the image.
admin-editor-credit = Credit
admin-editor-alt-hint = Describe what the image shows for readers who cannot see it; publishing asks for it.
# A link from the editor's error message to the field it is about.
admin-editor-error-go-to-field = Go to the field
admin-editor-decorative = Decorative image: a reader who cannot see it misses nothing
# The editor's media picker (admin/media_picker.html, media-picker.js): $count images.
admin-editor-picker = Media library ({ $count })
# Puts the image's Markdown at the cursor in the body.
admin-editor-picker-insert = Insert
admin-editor-picker-feature = Use as featured image
admin-editor-picker-markdown = Markdown to copy
admin-editor-partner-only = Partner only (syndication partners with an API key; never on the public site)
# The front page's choices, offered to editors and admins.
admin-editor-front-page = Front page
admin-editor-top-story = Top story
admin-editor-top-story-hint = Leads its edition's front page, whatever is published after it, until you untick it or make another story the top story.
admin-editor-featured = Featured
# What search engines and social networks show of the article; $max is a number of characters.
admin-editor-search-social = Search and social
admin-editor-seo-title = SEO title
admin-editor-seo-title-hint = The title in search results and browser tabs, if not the headline. About { $max } characters show.
admin-editor-meta-description = Meta description
admin-editor-meta-description-hint = The text under the title in search results and on share cards, if not the standfirst. About { $max } characters show.
admin-editor-social-image = Social image
admin-editor-social-image-hint = The picture on share cards, if not the featured image; without either, the site's default share image.
admin-editor-search-preview = In search results
admin-editor-share-preview = When shared
admin-editor-publish-at = Publish at ({ $zone })
admin-editor-preview = Preview
admin-editor-save-draft = Save draft
admin-editor-submit = Submit for review
admin-editor-publish = Publish
admin-editor-schedule = Schedule
admin-editor-unpublish = Unpublish
# The buttons of a published article: its changes go live at once, or wait beside it.
admin-editor-update = Update
admin-editor-save-for-later = Save for later
admin-editor-discard = Discard changes
# Saves a scheduled article, which stays scheduled.
admin-editor-save = Save
admin-editor-open-preview = Preview as readers see it
# $time is a date and time, $name a person's name (or admin-revision-system).
admin-editor-pending = Showing changes saved for later on { $time } by { $name }. Readers still see the published version: “Update” puts these changes live, “Discard changes” drops them.
admin-editor-pending-stale = The published article changed after these changes were saved; compare them with it before updating.
# $time is a date and time.
admin-editor-restore-autosave = Restore autosaved version from { $time }
admin-editor-showing-autosave = Showing your autosaved version from { $time }. Nothing is saved until you press one of the buttons below.
# Shown beside the body after an autosave; $time is hours and minutes.
admin-editor-autosaved = Saved automatically at { $time }
admin-editor-autosave-failed = Not saved automatically; your text is still here.
# The browser asks before leaving the page with this (many browsers show their own words).
admin-editor-unsaved = You have changes that are not saved.
# Under the body, updated as one types.
admin-editor-word-count =
    { $words ->
        [one] { $words } word
       *[other] { $words } words
    } · { $minutes ->
        [one] { $minutes } min read
       *[other] { $minutes } min read
    }
# Fields shown for a published article only.
admin-editor-tell-readers = Tell readers what changed
admin-editor-correction = Correction
admin-editor-correction-hint = Printed with the article, dated, and listed on the corrections page. Kept in every later version.
admin-editor-update-note = Update note
admin-editor-update-note-hint = New information since the article was published; printed with the article, dated.
admin-editor-show-updated = Show as updated (the byline says “Updated” with the date and time)
admin-editor-notes-so-far = Already printed with the article
# Preview links for people without accounts.
admin-editor-share-heading = Share a preview
admin-editor-share-hint = A link that shows this article as it stands to anyone who has it, without an account, for 7 days, until you revoke it.
# $created and $expires are dates and times, $name a person's name.
admin-editor-share-line = Made { $created } by { $name }; works until { $expires }
admin-editor-share-revoke = Revoke
admin-editor-share-create = Make a preview link
# The editor of a trashed article, and its "Move to trash" button.
admin-editor-trashed = This article is in the trash: readers cannot see it. Restore it (as a draft) to edit it again.
admin-editor-trash = Move to trash
# Before deleting trashed articles for good (admin/trash_confirm.html).
admin-trash-confirm-heading = Delete permanently?
admin-trash-confirm-text =
    { $count ->
        [one] This article will be deleted for good, with its revisions and comments. This cannot be undone.
       *[other] These { $count } articles will be deleted for good, with their revisions and comments. This cannot be undone.
    }
admin-trash-confirm-cancel = Cancel
admin-trash-confirm-nothing = The trash is empty: there is nothing to delete.
admin-editor-showing-revision = Showing revision { $version }: it becomes the current text once you save it (“Update” on a published article).
# editor.js builds the toolbar; these need passing to it (data attributes, say).
admin-editor-toolbar-label = Formatting
admin-editor-toolbar-bold = Bold
admin-editor-toolbar-italic = Italic
admin-editor-toolbar-heading = Heading
admin-editor-toolbar-link = Link
admin-editor-toolbar-quote = Quote
admin-editor-toolbar-list = List
# Inserted when nothing is selected.
admin-editor-placeholder-bold = bold text
admin-editor-placeholder-italic = italic text
admin-editor-placeholder-link = link text
admin-editor-live-preview = Live preview
admin-editor-upload-failed = The image could not be uploaded.
admin-editor-error-slug = Give a slug: the headline has no letters to make one from.
admin-editor-error-section = Choose a section.
admin-editor-error-tag = A tag needs letters or digits.
admin-editor-error-date = Give the date and time as 2026-12-01T09:30.
admin-editor-error-no-action = Press one of the editor's buttons: save, submit, publish or preview.

## Newsroom: the message after an action (admin/layout.html, admin/flash.rs)

admin-flash-saved = Saved
admin-flash-submitted = Submitted for review
admin-flash-published = Published
admin-flash-updated = Updated: the live article shows your changes.
# $when is a date and time, $zone the site's time zone.
admin-flash-scheduled = Scheduled for { $when } ({ $zone })
admin-flash-unpublished = Unpublished: readers no longer see the article.
admin-flash-later = Saved for later: the live article is unchanged.
admin-flash-discarded = Changes discarded.
admin-flash-preview-link = Preview link made: anyone who has it can read this article for 7 days, or until you revoke it. Copy it now; it is not shown again.
admin-flash-preview-link-label = Preview link
admin-flash-link-revoked = Preview link revoked: it no longer works.
# After a bulk action on the desk ($count articles; $section the section's name).
admin-bulk-published =
    { $count ->
        [one] One article published.
       *[other] { $count } articles published.
    }
admin-bulk-unpublished =
    { $count ->
        [one] One article unpublished.
       *[other] { $count } articles unpublished.
    }
admin-bulk-moved =
    { $count ->
        [one] One article moved to { $section }.
       *[other] { $count } articles moved to { $section }.
    }
admin-bulk-trashed =
    { $count ->
        [one] One article moved to the trash.
       *[other] { $count } articles moved to the trash.
    }
admin-bulk-restored =
    { $count ->
        [one] One article restored from the trash, as a draft.
       *[other] { $count } articles restored from the trash, as drafts.
    }
admin-bulk-deleted =
    { $count ->
        [one] One article deleted for good.
       *[other] { $count } articles deleted for good.
    }
# One line per article a bulk action refused.
admin-bulk-refused = Not done for “{ $headline }”: { $reason }
admin-bulk-refused-more =
    { $count ->
        [one] …and one more article was refused.
       *[other] …and { $count } more articles were refused.
    }
admin-bulk-none-selected = Select at least one article first.
admin-bulk-no-section = Choose the section to move the articles to.

## Newsroom: revisions (admin/revisions.html)

admin-revisions-heading = Revisions of “{ $headline }”
admin-revisions-back = Back to the editor
# $by is a person's name, or admin-revision-system.
admin-revisions-version = Version { $version } · { $saved } · { $by }
# Who saved a revision that no person saved.
admin-revision-system = the system
admin-revisions-restore = Restore this version
admin-revisions-diff =
    { $lines ->
        [one] Differences from the current text ({ $lines } lines)
       *[other] Differences from the current text ({ $lines } lines)
    }
admin-revisions-same = Same text as now.

## Newsroom: comment moderation (admin/comments.html, admin/comments.rs)

# The moderation page's heading and title.
admin-comments-heading = Comments
admin-comments-status-label = Comment status
admin-comments-bulk-label = With the selected comments:
admin-comments-approve = Approve
admin-comments-mark-spam = Mark as spam
admin-comments-trash = Trash
admin-comments-apply = Apply
admin-comments-col-select = Select
admin-comments-col-comment = Comment
# The article a comment was left on.
admin-comments-col-on = On
admin-comments-col-spam-score = Spam score
admin-comments-select-by = Select the comment by { $name }
admin-comments-reply-summary = Reply as the newsroom
admin-comments-reply-to = Reply to { $name }
admin-comments-post-reply = Post reply
admin-comments-spam = Spam
# $status is pending, approved, spam or trash.
admin-comments-none =
    { $status ->
        [pending] No pending comments.
        [approved] No approved comments.
        [spam] No spam comments.
        [trash] No trash comments.
       *[other] No { $status } comments.
    }
admin-comments-error-none-selected = Select at least one comment.

## Newsroom: the media library (admin/media.html, admin/media.rs)

# The media library's heading and title.
admin-media-heading = Media
admin-media-upload-label = Upload an image
admin-media-upload-hint = JPEG, PNG, WebP or GIF, up to 20 MB and 40 megapixels. Location data is removed.
admin-media-upload = Upload
admin-media-search-label = Search by file name, alt text, caption or credit
admin-media-search = Search
admin-media-none = No images.
admin-media-none-match = No images match “{ $query }”.
admin-media-error-no-dir = This site has no media directory.
admin-media-error-choose = Choose an image to upload.
# $detail comes from the web framework, in English.
admin-media-error-read = We could not read that upload: { $detail }
admin-media-no-alt = No alt text yet
admin-media-alt-hint = What the image shows, for readers who cannot see it. Offered to each article that uses the image.
admin-media-save = Save description
# Articles keep their own copy of an image's alt text, caption and credit.
admin-media-described = Saved the description of “{ $name }”. Articles that already show it keep their own.
admin-media-uploaded = Uploaded “{ $name }”. Describe it below: its alt text is offered to each article that uses it.

## Newsroom: people and accounts (admin/people.html)

# The page's heading and title.
admin-people-heading = People
admin-people-col-sessions = Sessions
# $role is one of the admin-role-* names.
admin-people-you = { $role } (you)
admin-people-role-of = Role of { $name }
admin-people-change-role = Change role
admin-people-your-sessions = Your sessions
admin-people-sign-out-everywhere = Sign out everywhere
admin-people-add-heading = Add someone
admin-people-add = Add account

## Newsroom: your profile and sessions (admin/profile.html, admin/sessions.rs)

# The page's heading and title.
admin-profile-heading = Your profile
# $link is a link whose text is admin-profile-author-page.
admin-profile-intro = Readers see this in the author box under your articles and on { $link }.
admin-profile-author-page = your author page
admin-profile-save = Save profile
admin-profile-language = Newsroom language
admin-profile-language-hint = The language of the newsroom's pages and messages for you. Readers see each article in its own language.
admin-profile-picture-heading = Your picture
admin-profile-remove-picture = Remove picture
admin-profile-no-picture = Without a picture, readers see your initials.
admin-profile-choose-new-picture = Choose a new picture
admin-profile-choose-picture = Choose a picture
admin-profile-picture-hint = JPEG, PNG, WebP or GIF, up to { $mb } MB. We cut a square from the middle and remove location data.
admin-profile-upload-picture = Upload picture
admin-profile-sessions-heading = Where you are signed in
admin-sessions-col-browser = Browser
admin-sessions-col-signed-in = Signed in
admin-sessions-col-last-used = Last used
admin-sessions-this = (this session)
admin-sessions-not-since = Not since signing in
admin-sessions-sign-out-others = Sign out all other sessions
# Such as Firefox on Linux; browser and system names stay as they are.
admin-browser-on = { $browser } on { $system }
admin-browser-on-unknown = A browser on { $system }
admin-browser-unknown = Unknown browser

## Newsroom: sections (admin/sections.html, admin/section.html, admin/sections.rs)

# The page's heading and title.
admin-sections-heading = Sections
admin-sections-intro = Sections make the site's menu; subsections sit under their parent. Move a section up or down to change its place.
admin-sections-col-articles = Articles
admin-sections-col-order = Order
admin-sections-move-up = Move up
admin-sections-move-down = Move down
admin-sections-add-heading = Add a section
admin-sections-address-hint = The section lives at /section/ followed by this. Leave it empty to make it from the name.
admin-sections-main-section = Nothing: a main section
admin-sections-position-hint-add = Lower numbers come first. Leave it empty to add the section at the end.
admin-sections-add = Add section
admin-section-heading = Edit section
# Browser title of a section's page.
admin-section-title = Edit section { $name }
admin-section-back = Back to sections
admin-section-address-hint = The address stays, so links to the section keep working.
admin-section-position-hint = Lower numbers come first.
admin-section-save = Save section
admin-sections-error-parent = Choose a section from the list.
admin-sections-error-position = Give the position as a whole number, such as 10 or 20.
admin-sections-error-address = Give the section an address: letters, digits and hyphens.

## Newsroom: site settings (admin/settings.html)

# The page's heading and title.
admin-settings-heading = Site settings
admin-settings-intro = The name and tagline appear at the top of every page, in feeds and in search results.
admin-settings-site-name = Site name
admin-settings-tagline = Tagline
admin-settings-tagline-in = Tagline in { $language }
admin-settings-save = Save settings
admin-settings-related-count = “You May Also Like” cards
admin-settings-related-count-hint = How many related articles each article page shows.
admin-settings-images-heading = Logo and share image
admin-settings-images-intro = Search engines show the logo with every article; social networks show the share image with articles that have no picture of their own.
admin-settings-logo = Logo
admin-settings-logo-hint = Shown beside the site's name and as the publisher's logo: square or wide, at least 112 pixels high.
admin-settings-share-image = Default share image
admin-settings-share-image-hint = Shown on share cards of articles without a picture: 1200 × 630 pixels suits every network.
admin-settings-image-none = None yet.
admin-settings-image-remove = Remove
admin-settings-error-image = There is no such image setting.

## Newsroom: the breaking-news banner (admin/breaking.html)

admin-breaking-heading = Breaking news
admin-breaking-intro = A banner across the top of every page of an edition, until the time you give. Readers see a change at once.
# $language is the edition's language, named in itself (English, اردو).
admin-breaking-edition = { $language } edition
admin-breaking-up-now = Up now:
# $time is a date and time on the site's clock.
admin-breaking-until = Comes down at { $time }.
admin-breaking-none = No banner is up.
admin-breaking-take-down = Take down now
admin-breaking-text = Banner text
admin-breaking-link = Link
admin-breaking-link-hint = Optional: an address on this site (/articles/…) or a full web address.
# $zone is the site's time zone, such as Asia/Karachi.
admin-breaking-until-field = Until ({ $zone })
admin-breaking-put-up = Put up banner
admin-breaking-replace = Replace banner

## Newsroom: first-time setup and signing in (admin/setup.html, admin/sign_in.html, admin/sign_in.rs, admin/session.rs)

# The page's heading and title.
admin-setup-heading = Set up your newsroom
admin-setup-intro = This site has no accounts yet. Create the first one: it will be the administrator, who can add everyone else. This page disappears once it is done.
admin-setup-code = Setup code
admin-setup-code-hint = Printed in the server's log when it started (lede serve).
admin-setup-wrong-code = The setup code is wrong. Copy it from the server's log, where lede serve printed it when it started.
admin-setup-password-hint = At least 12 characters.
admin-setup-submit = Create the administrator
# The page's heading and title.
admin-sign-in-heading = Sign in
admin-sign-in-submit = Sign in
admin-sign-in-rate-limited = Too many sign-in attempts from your network. Wait a few minutes and try again.
admin-sign-in-wrong = The email or the password is wrong.
# English keeps today's wording for one minute too.
admin-sign-in-locked =
    { $minutes ->
        [one] Too many failed attempts: signing in with this email address is locked for { $minutes } more minutes.
       *[other] Too many failed attempts: signing in with this email address is locked for { $minutes } more minutes.
    }
# $role is one of the admin-role-* names.
admin-error-role = Your role ({ $role }) does not allow this. Ask an editor or an admin.
admin-error-csrf = This form has expired or did not come from this site. Go back, reload the page and try again.

## Checks on what people type (lede-core: content.rs, comment.rs, slug.rs, account.rs, api_key.rs)

validation-required = This field is required.
validation-too-long = At most { $max } characters, please.
validation-web-address = Give a web address starting with https:// or http://.
validation-related-count = Give a number from 1 to { $max }.
validation-breaking-expired = Give an end time in the future.
validation-breaking-too-long = A banner stays up for at most a week.
validation-language = Give a language code such as en or ur.
validation-language-tag = “{ $text }” is not a language tag: give one such as en, ur or pt-BR.
# $languages lists the site's language tags, such as en, ur.
validation-language-not-site = “{ $language }” is not one of this site's languages ({ $languages }); choose one of them, or add it in the site's settings first.
validation-authors-needed = An article needs at least one author.
validation-translation-self = An article cannot translate itself.
validation-body-too-long = The body is longer than 500,000 characters.
validation-body-both = An article body is either Markdown or HTML, not both.
validation-body-html-too-long = The body is longer than 1,000,000 characters of HTML.
validation-image-alt-featured = Describe the featured image in its alt text for readers who cannot see it, or tick “Decorative image” if it adds nothing to the story.
# $src is the address of the first image without alt text. Keep the Markdown marks as they are.
validation-image-alt-inline =
    { $count ->
        [one] An image in the body has no alt text: { $src }. Describe it between its brackets, ![what it shows](…), or write ![""](…) if it is decorative.
       *[other] { $count } images in the body have no alt text, the first { $src }. Describe each between its brackets, ![what it shows](…), or write ![""](…) for a decorative one.
    }
validation-page-slug-reserved = /{ $slug } is reserved by the site
validation-article-status-unknown = unknown article status "{ $status }"
validation-note-kind-unknown = unknown kind of note "{ $kind }"
validation-comment-status-unknown = unknown comment status "{ $status }"
validation-email = Give a valid email address, like name@example.com.
validation-comment-links = A comment may carry at most { $max } links; this one has { $links }.
validation-single-line = This field takes a single line: remove the line break.
validation-control-character = Remove the invisible control character { $code } from this field.
validation-slug-empty = A slug cannot be empty.
validation-slug-too-long = A slug has at most { $max } characters.
validation-slug-chars = A slug uses lowercase letters, digits and single hyphens only.
# The role names stay in English: they are what the command line accepts.
validation-role-unknown = unknown role "{ $role }": use contributor, author, editor or admin
validation-password-short = A password needs at least { $min } characters.
validation-password-long = A password has at most 1,024 bytes.
validation-password-hash = cannot hash the password: { $detail }
# The name of an API partner (lede api-key).
validation-partner-control = A name cannot hold control characters.

## Uploaded images (lede-core: media.rs; also admin/media.rs)

media-error-not-image = This file is not a JPEG, PNG, WebP or GIF image (whatever its name says).
media-error-encode = Could not encode the image: { $detail }
media-error-too-large = Images may be at most { $mb } MB.
media-error-unreadable = This image cannot be read: { $detail }
media-error-too-many-pixels = This image is { $width }×{ $height } pixels; the most accepted is 40 megapixels.
media-error-memory = This image is { $width }×{ $height } pixels and would need { $needed } MB of memory to read; this site reads images of at most { $limit } MB. Make it smaller and try again.
media-error-memory-limit = This image would need more than { $limit } MB of memory to read; this site reads images of at most that. Make it smaller and try again.
names-error-default-language = “{ $language }” is the site's default language: its names are the main ones.
names-error-twice = The names in “{ $language }” were given twice.
names-error-tag-text = A tag has a name only.

## Publishing rules (lede-core: workflow.rs)

workflow-byline-own = Your own byline stays on the articles you write; only editors credit others.
workflow-byline-others = Only editors and admins change who else is credited on an article.
store-media-not-yours = Only the person who uploaded this image, or an editor, may delete it.
store-media-describe-not-yours = Only the person who uploaded this image, or an editor, may change its description.
workflow-unknown-action = unknown action "{ $action }"
workflow-not-author = Only the article's authors and editors may change it.
# $role is one of the admin-role-* names.
workflow-role-cannot-publish = A { $role } cannot publish, schedule or unpublish; submit the article for review instead.
workflow-locked = This article is scheduled or published; ask an editor to change it.
workflow-submit-drafts-only = Only drafts can be submitted for review.
workflow-already-published = This article is already published.
workflow-empty-trash-editors = Only editors and admins delete articles for good.
workflow-unpublish-only-live = Only published or scheduled articles can be unpublished.
workflow-live-save = This article is live: “Update” puts your changes on the site now, “Save for later” keeps them without touching the live page.
workflow-notes-live-only = Corrections and update notes are for published articles.
workflow-update-live-only = Only a published article can be updated; publish it instead.
workflow-later-live-only = Only changes to a published article are saved for later; save this one as a draft.

## Importing from another system: shown by the lede import command (lede-core: transfer.rs; lede-store: sql/transfer.rs)

import-parent-later = its parent { $parent } comes later or not at all
import-page-body-html = An imported page's body is HTML, not Markdown.
import-reply-later = it answers comment { $parent }, which comes later or not at all
import-needs-date = A published or scheduled article needs a date.
import-duplicate = { $kind } { $id } appears twice in the import
# An import problem, after the item it is about.
import-labelled = { $label }: { $message }
import-translation-missing = it translates post { $original }, which is not in the import
import-no-such = { $label }: there is no { $field } "{ $slug }"

## Refusals from the newsroom's store (lede-store), shown on newsroom pages

store-admin-only-accounts = Only an admin manages accounts.
store-own-role = Nobody can change their own role; ask another admin.
# Shown when signing in right after setup fails.
store-sign-in-wrong = the email or the password is wrong
store-sign-in-locked = too many failed attempts: the account is locked until { $until }
store-email-taken = an account with the email { $email } exists already
store-image-in-use = This image is used by “{ $headline }”; change that article first.
store-image-is-site-image = This image is the site's logo or default share image; choose another in the settings first.
store-not-in-library = Choose an image of the media library.
store-curation-editors-only = Only editors and admins choose the top story and the featured articles.
store-breaking-editors-only = Only editors and admins set the breaking-news banner.
store-future-publish = Publishing in the future is scheduling, which needs the newsroom admin.
store-schedule-future = Give a date and time in the future to schedule for.
store-admin-only-sections = Only an admin changes sections and the site's settings.
store-section-inside-itself = A section cannot sit inside itself or inside one of its own subsections.
store-section-address-taken = The section “{ $name }” already uses the address /section/{ $slug }; choose another.
store-section-has-articles =
    { $count ->
        [one] “{ $name }” holds { $count } article, so it cannot be deleted. Move it to another section first.
       *[other] “{ $name }” holds { $count } articles, so it cannot be deleted. Move them to another section first.
    }
store-section-has-subsections = “{ $name }” has subsections, so it cannot be deleted. Move or delete them first.
store-section-not-empty = This section still holds articles or subsections.
store-no-section = There is no section "{ $slug }".
# $field is section, author or tag.
store-no-such = There is no { $field } "{ $slug }".
store-restore-not-empty = This site already has content (its { $table } table is not empty): a Lede export is restored only into an empty site.
store-restore-unknown = Article “{ $article }” names { $field } “{ $slug }”, which the file does not have.
store-slug-taken = Another article already uses the slug “{ $slug }”; choose another.
store-article-trashed = This article is in the trash; restore it first.
store-article-not-trashed = This article is not in the trash.
store-edit-conflict = Someone else saved this article after you opened it. Your text is kept below: compare it with the latest version before saving again.
store-reply-other-article = The comment you reply to is not on this article.
store-no-original = There is no article “{ $slug }” to translate.
store-translation-same-language = “{ $slug }” is in the same language ({ $language }); a translation is in another.
store-language-in-use = Articles are written in “{ $language }”, so it stays among the site's languages.
# A database refusal nothing more specific explains; $detail is the database's own words, in English.
store-duplicate = This would duplicate something already saved: { $detail }

## The language switch in the site header: each language names itself

# This language's own name for itself, shown as the link to its edition.
language-autonym = English
# Accessible name of the language switch.
nav-editions-label = Read in

## The site's languages on /admin/settings

admin-settings-languages = Languages
admin-settings-languages-hint = Language tags (BCP 47), the default first: en, ur. The others get editions at /ur/ and so on.
admin-settings-remote-images = Allow images from other sites
admin-settings-remote-images-hint = Off (the default): pages show only images stored on this site, so readers' browsers never contact other sites and no other site learns who reads what. Images that an imported article still loads from the old site stay blank. On: images from any secure (https) address are shown too, and the sites that serve them see each reader who loads them.

## Translations of a story

# The link to this language's version of an article, written in this language.
article-read-in-language = Read this in English
# The editor's field naming the article this one translates (its slug).
admin-editor-translation-of = Translation of

## Newsroom: static pages and menus (admin/pages.html, page_editor.html, page_revisions.html,
## page_delete.html, menus.html, admin/pages.rs, admin/menus.rs)

admin-nav-pages = Pages
admin-nav-menus = Menus
admin-pages-heading = Pages
admin-pages-intro = Static pages such as About, Contact and Privacy. A draft is seen only here; a published page answers at its address.
admin-pages-new = New page
admin-pages-col-title = Title
admin-pages-status-draft = Draft
admin-pages-status-published = Published
admin-pages-publish = Publish
admin-pages-unpublish = Unpublish
admin-pages-none = No pages yet.
admin-pages-edit-title = Edit page { $title }
admin-pages-view = View page
# $count is how many revisions the page has.
admin-pages-revisions = Revisions ({ $count })
admin-pages-back = All pages
admin-pages-address-hint = The page lives at / followed by this. Leave it empty to make it from the title.
admin-pages-body = Text
admin-pages-body-hint = Markdown: **bold**, *italic*, [a link](https://example.com), ## a heading.
admin-pages-save = Save
admin-pages-delete = Delete this page
admin-pages-delete-question = Delete this page?
# $address is the page's path, such as /about.
admin-pages-delete-explain = “{ $title }” ({ $address }) and all its revisions will be deleted, and its links leave the menus. This cannot be undone.
admin-pages-delete-confirm = Delete
admin-pages-delete-cancel = Keep it
admin-pages-back-to-page = Back to the page
admin-pages-current-version = This is the current version.
admin-page-revisions = Revisions of { $title }
admin-pages-error-address = Give the page an address: letters, digits and hyphens.
admin-flash-page-saved = Page saved as a draft: readers do not see it.
admin-flash-page-published = Page published: readers see it at its address.
admin-flash-page-updated = Page updated: readers see your changes.
admin-flash-page-unpublished = Page unpublished: its address no longer answers.
admin-flash-page-restored = Earlier version restored.
admin-flash-page-deleted = Page deleted.
admin-flash-menu-saved = Menu saved.
admin-flash-menu-reset = Menu reset: the site shows its default links.
admin-menus-heading = Menus
admin-menus-intro = The links in the site's header and footer, in order: sections, pages and addresses elsewhere. Each language has its own menus.
admin-menus-languages = Menus by language
admin-menus-header = Header menu
admin-menus-footer = Footer menu
admin-menus-default = Not saved yet: the site shows these default links. Any change saves the menu.
admin-menus-kind-section = Section
admin-menus-kind-page = Page
admin-menus-kind-link = Link
admin-menus-hidden = hidden while the page is a draft
admin-menus-remove = Remove
admin-menus-empty = No links.
admin-menus-add = Add a link
admin-menus-label-optional = Label (optional)
admin-menus-add-section = Add section
admin-menus-add-page = Add page
admin-menus-label = Label
admin-menus-url = Address
admin-menus-url-hint = https://… for another site, or a path on this one such as /corrections.
admin-menus-add-link = Add link
admin-menus-reset = Use the default links
admin-menus-draft-page = { $title } (draft)
validation-page-status = Choose Draft or Published.
validation-menu-unknown = There is no menu by that name.
validation-menu-kind = Choose a section, a page or a link.
validation-menu-address = Give an address that starts with https://, or a path on this site that starts with /.
validation-menu-too-long = A menu holds at most { $max } links.
store-pages-editors-only = Only editors and admins write and publish pages.
store-page-address-taken = Another page already uses the address /{ $slug }; choose another.
store-no-page = There is no page "{ $slug }".

## Newsroom: webhooks (admin/webhooks.html, admin/webhook.html, the dashboard's notice)

admin-nav-webhooks = Webhooks
admin-webhooks-heading = Webhooks
admin-webhooks-intro = Other systems hear of what happens on the site: each endpoint receives the events it asks for as signed JSON (Standard Webhooks), tried again for a day when it does not answer.
admin-webhooks-created = Endpoint added: { $url }
admin-webhooks-secret-once = Its signing secret is shown only now: copy it to the receiving system, which checks each delivery's signature with it.
admin-webhooks-open-log = Open its delivery log
admin-webhooks-col-url = Address
admin-webhooks-col-events = Events
admin-webhooks-col-state = State
admin-webhooks-disabled-since = Disabled since { $time }.
admin-webhooks-failing-since = Failing since { $time }
admin-webhooks-enabled = Working
admin-webhooks-none = No endpoint yet.
admin-webhooks-add-heading = Add an endpoint
admin-webhooks-url = Address (http or https)
admin-webhooks-url-hint = Addresses on private networks, on this machine or in link-local ranges are refused.
admin-webhooks-events = Events to send
admin-webhooks-event-article-published = an article goes live
admin-webhooks-event-article-updated = a live article changes
admin-webhooks-event-article-unpublished = an article is taken off the site
admin-webhooks-event-comment-approved = a reader's comment is approved
admin-webhooks-event-newsletter-sent = a newsletter has been sent
admin-webhooks-add = Add endpoint
admin-webhooks-back = All webhooks
admin-webhooks-log-heading = Deliveries to { $url }
admin-webhooks-disabled-why = A day of failed deliveries disabled it: nothing is sent to it until it is enabled again.
admin-webhooks-enable = Enable again
admin-webhooks-log = Delivery log
admin-webhooks-col-event = Event
admin-webhooks-col-status = Status
admin-webhooks-col-time = Queued
admin-webhooks-col-attempts = Attempts (time: response)
admin-webhooks-col-next = Next try
admin-webhooks-col-actions = Actions
admin-webhooks-status-pending = Waiting
admin-webhooks-status-delivered = Delivered
admin-webhooks-status-failed = Failed
admin-webhooks-send-again = Send again
admin-webhooks-log-empty = Nothing sent yet.
admin-webhooks-delete-hint = Deleting the endpoint also deletes its log.
admin-webhooks-delete = Delete endpoint
admin-webhooks-error-timeout = no answer in time
admin-webhooks-error-connect = could not connect
admin-webhooks-error-private-address = refused: the address is on a private network
admin-webhooks-error-address = the address cannot be used
admin-webhooks-error-other = the request failed
admin-webhooks-flash-queued = Queued to be sent again.
admin-webhooks-flash-enabled = Endpoint enabled again.
admin-webhooks-flash-deleted = Endpoint deleted.
admin-dashboard-webhook-disabled = The webhook endpoint { $url } failed for a day and was disabled.
admin-dashboard-webhook-open = See its deliveries
validation-webhook-url = Give a full web address starting with http:// or https://, without a user name or password.
validation-webhook-private = This address is on a private network, on this machine or in a link-local range: webhooks are not sent there.
validation-webhook-events = Choose at least one of the events listed.
store-webhooks-admins-only = Only an admin manages webhooks.

## Newsletters: the reader's pages (newsletters.html), the emails (email/*), the lists' names

newsletter-list-daily = Daily briefing
newsletter-list-breaking = Breaking news
subscribe-heading = Newsletters
subscribe-intro = The news by email, free: choose your lists. We send a confirmation first, and nothing else until you confirm.
subscribe-email = Email address
subscribe-lists = Lists
subscribe-button = Subscribe
subscribe-privacy = Every email has a link to unsubscribe in one click. We never share your address.
subscribe-sent-heading = Check your inbox
subscribe-sent = If { $email } can receive our newsletters, an email with a confirmation link is on its way. Nothing else is sent until you follow it.
subscribe-error-too-fast = That was quicker than we expect anyone to fill in the form. Please check it and send it again.
subscribe-error-expired = This form was open for a long time. Please send it again.
subscribe-error-invalid-token = This form could not be checked. Please send it again.
subscribe-rate-limited = Several subscriptions came from your connection in a short time. Please wait a few minutes.
subscribe-confirmed-heading = You are subscribed
subscribe-confirmed = Thank you: your newsletters will come to this address. Every email has a link to unsubscribe.
subscribe-problem-heading = This link does not work
subscribe-again = Subscribe
newsletters-manage-heading = Your newsletters
newsletters-manage-intro = Choose the lists you receive.
newsletters-manage-none = Untick every list to unsubscribe from all of them: your address is then deleted.
newsletters-manage-save = Save
newsletters-manage-link = Change your lists
newsletters-saved = Saved: you receive the lists you chose.
newsletters-removed = You are unsubscribed from every list, and your address is deleted.
newsletters-unsubscribe-heading = Unsubscribe
newsletters-unsubscribe-question = Stop sending { $list } to { $email }?
newsletters-unsubscribe-button = Unsubscribe
newsletters-unsubscribed = You will no longer receive { $list }.
newsletter-subject-breaking = Breaking: { $headline }
newsletter-subject-daily = { $site }: daily briefing, { $date }
newsletter-read-more = Read the whole article
newsletter-why = You receive { $list } from { $site } because you subscribed to it.
newsletter-unsubscribe = Unsubscribe
newsletter-confirm-subject = Confirm your subscription to { $site }
newsletter-confirm-body = Someone, probably you, asked to receive { $lists } from { $site } at this address. Nothing will be sent until you confirm. The link works for 7 days.
newsletter-confirm-button = Confirm my subscription
newsletter-confirm-ignore = If it was not you, ignore this email: you will receive nothing.
newsletter-no-list = Choose at least one list.
newsletter-link-invalid = This link is not one we sent, or it was changed.
newsletter-link-expired = This confirmation link has expired. Subscribe again to get a new one.
newsletter-publish-only = An article is emailed when it is published: choose Publish or Update.
newsletter-csv-header = The file needs a header row with an email column.
newsletter-csv-row = Line { $line } is not a subscriber: check its address.
newsletter-csv-too-long = A file holds at most { $max } subscribers.
store-newsletters-editors-only = Only editors and admins manage newsletters.
validation-newsletter-time = Give a time of day as HH:MM, such as 07:00.

## Newsroom: newsletters (admin/newsletters.html, the editor's email choices)

admin-nav-newsletters = Newsletters
admin-newsletters-heading = Newsletters
admin-newsletters-outbox = No SMTP server is set up: emails are written as .eml files into { $path } instead of being sent. The README says how to set up SMTP.
admin-newsletters-no-mail = This server sends no email.
admin-newsletters-issues = Sent lately
admin-newsletters-no-issues = Nothing has been sent yet.
admin-newsletters-col-list = List
admin-newsletters-col-what = What
admin-newsletters-col-queued = Queued
admin-newsletters-col-delivered = Delivered
admin-newsletters-col-failed = Failed
admin-newsletters-col-unsubscribed = Unsubscribed
admin-newsletters-settings = Lists and times
admin-newsletters-daily-time = Daily briefing at
admin-newsletters-daily-time-hint = The site's local time. The briefing lists the articles of the 24 hours before it, and is not sent on a day without any.
admin-newsletters-sections = Sections with a list of their own
admin-newsletters-save = Save
admin-newsletters-saved = Newsletter settings saved.
admin-newsletters-subscribers = { $count ->
    [one] { $count } subscriber
   *[other] { $count } subscribers
}
admin-newsletters-search = Find an address
admin-newsletters-search-button = Find
admin-newsletters-col-email = Address
admin-newsletters-col-status = Status
admin-newsletters-col-lists = Lists
admin-newsletters-status-pending = Not confirmed yet
admin-newsletters-status-confirmed = Confirmed
admin-newsletters-status-undeliverable = Undeliverable
admin-newsletters-remove = Remove
admin-newsletters-removed = Subscriber removed: only a keyed hash of the address is kept, so it is never mailed again.
admin-newsletters-no-subscribers = No subscribers match.
admin-newsletters-previous = Previous
admin-newsletters-next = Next
admin-newsletters-export = Download every subscriber (CSV)
admin-newsletters-import = Import subscribers
admin-newsletters-import-hint = A CSV with a header row: email (required), language, lists (such as daily:en breaking:en) and consent (yes for readers who already confirmed; the others receive the confirmation email first). Removed addresses are left out.
admin-newsletters-import-file = CSV file
admin-newsletters-import-button = Import
admin-newsletters-imported = Imported: { $confirmed } confirmed, { $to_confirm } sent the confirmation email, { $removed } left out as removed earlier.
admin-editor-email = Email to subscribers
admin-editor-email-none = Don't email
admin-editor-email-breaking = Email as breaking news
admin-editor-email-hint = Sent once the article is published, once per list.
admin-editor-email-preview = Preview the email and send a test
admin-email-heading = Email preview
admin-email-list = List
admin-email-show = Show
admin-email-subject = Subject
admin-email-frame = The email as subscribers will read it
admin-email-text = Plain-text version
admin-email-draft = This article is not published yet: it is emailed only once it is.
admin-email-send-test = Send me a test
admin-email-test-hint = Sends this email now to { $to } alone; nobody else receives it.
admin-email-test-sent = A test was sent to { $to }.
admin-email-test-failed = The test could not be sent: { $error }
admin-email-no-mail = Email is not set up on this site, so no test can be sent.
admin-email-sent-heading = Emails of this article
admin-email-back = Back to the article
newsletter-test-subject = [Test] { $subject }
subscribe-box-heading = Get the news by email
subscribe-box-text = The daily briefing and breaking news, free. Unsubscribe in one click.
subscribe-box-more = More lists
