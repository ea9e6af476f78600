//! Uploaded images: the type is read from the content (never the name), size and pixel limits
//! refuse decompression bombs, and every image is re-encoded, which drops EXIF data such as a
//! photographer's location, into resized variants for `srcset`: each width in its original
//! format and in WebP.

use crate::{Invalid, Message, Result};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Largest upload accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;
/// Largest image accepted, in pixels (a 40-megapixel camera frame); more is refused before
/// decoding, so a small file that claims to be enormous cannot exhaust memory.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Widths of the resized variants; an image is never enlarged.
pub const VARIANT_WIDTHS: [u32; 3] = [480, 960, 1600];

/// The image kinds Lede accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
    Gif,
}

impl Kind {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::WebP => "webp",
            Self::Gif => "gif",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::WebP => "image/webp",
            Self::Gif => "image/gif",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Png => ImageFormat::Png,
            Self::WebP => ImageFormat::WebP,
            Self::Gif => ImageFormat::Gif,
        }
    }
}

/// One encoded file of an upload: the full-size image or a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// The width it was resized to, or `None` for the full-size image.
    pub width: Option<u32>,
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

/// An upload, checked and re-encoded.
#[derive(Debug, Clone)]
pub struct Processed {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
    pub files: Vec<Encoded>,
}

fn refuse(message: impl Into<Message>) -> Invalid {
    Invalid::new("file", message)
}

fn unreadable(error: image::ImageError) -> Invalid {
    refuse(Message::new("media-error-unreadable").text("detail", error))
}

/// Reads the kind of image from its first bytes.
pub fn sniff(bytes: &[u8]) -> Result<Kind> {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok(Kind::Jpeg),
        Ok(ImageFormat::Png) => Ok(Kind::Png),
        Ok(ImageFormat::WebP) => Ok(Kind::WebP),
        Ok(ImageFormat::Gif) => Ok(Kind::Gif),
        _ => Err(refuse("media-error-not-image")),
    }
}

fn encode(image: &DynamicImage, kind: Kind) -> Result<Vec<u8>> {
    let mut out = Cursor::new(Vec::new());
    // WebP and JPEG encoders take 8-bit RGB(A); convert so every source works.
    let ready = match kind {
        Kind::Jpeg => DynamicImage::ImageRgb8(image.to_rgb8()),
        _ => DynamicImage::ImageRgba8(image.to_rgba8()),
    };
    ready
        .write_to(&mut out, kind.format())
        .map_err(|e| refuse(Message::new("media-error-encode").text("detail", e)))?;
    Ok(out.into_inner())
}

/// The most memory one image may take once decoded, an operator's setting (`image_memory_mb`).
/// An image needing more (width × height × 4 bytes, or more for deep colour) is refused from
/// its header, before any pixel is decoded: the budget, times the decodes allowed at once,
/// bounds what uploads can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryBudget {
    bytes: u64,
}

impl MemoryBudget {
    /// Room for the largest image accepted ([`MAX_PIXELS`] at 4 bytes a pixel).
    pub const DEFAULT: Self = Self::megabytes(160);

    /// A budget of `mb` mebibytes (at least one).
    pub const fn megabytes(mb: u64) -> Self {
        let mb = if mb == 0 { 1 } else { mb };
        Self { bytes: mb.saturating_mul(1024 * 1024) }
    }

    pub const fn bytes(self) -> u64 {
        self.bytes
    }

    fn megabytes_of(bytes: u64) -> u64 {
        bytes.div_ceil(1024 * 1024)
    }

    fn refusal(self, width: u32, height: u32, needed: u64) -> Invalid {
        refuse(
            Message::new("media-error-memory")
                .text("width", width)
                .text("height", height)
                .text("needed", Self::megabytes_of(needed))
                .text("limit", Self::megabytes_of(self.bytes)),
        )
    }
}

impl Default for MemoryBudget {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Checks an upload (size, kind read from the content, pixels and memory from the header,
/// before decoding) and decodes it.
fn decode_checked(bytes: &[u8], budget: MemoryBudget) -> Result<(Kind, DynamicImage)> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(refuse(
            Message::new("media-error-too-large").text("mb", MAX_UPLOAD_BYTES / 1024 / 1024),
        ));
    }
    let kind = sniff(bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    // The decoder's own allocations stay within the budget too (a little room for its
    // tables), in case a header understates what the pixels need.
    let mut limits = Limits::default();
    limits.max_alloc = Some(budget.bytes().saturating_add(1024 * 1024));
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|error| match error {
        image::ImageError::Limits(_) => refuse(
            Message::new("media-error-memory-limit")
                .text("limit", MemoryBudget::megabytes_of(budget.bytes())),
        ),
        other => unreadable(other),
    })?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(refuse(
            Message::new("media-error-too-many-pixels").text("width", width).text("height", height),
        ));
    }
    let needed = (pixels * 4).max(decoder.total_bytes());
    if needed > budget.bytes() {
        return Err(budget.refusal(width, height, needed));
    }
    let image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    Ok((kind, image))
}

/// Checks an upload and produces its files: the full-size image re-encoded (without its
/// metadata) and, for each variant width smaller than the image, that width in the original
/// kind and in WebP. An image needing more memory than `budget` is refused before decoding.
pub fn process(bytes: &[u8], budget: MemoryBudget) -> Result<Processed> {
    let (kind, image) = decode_checked(bytes, budget)?;
    let (width, height) = (image.width(), image.height());
    let mut files = vec![Encoded { width: None, kind, bytes: encode(&image, kind)? }];
    for target in VARIANT_WIDTHS.into_iter().filter(|w| *w < width) {
        let target_height =
            (u64::from(height) * u64::from(target) / u64::from(width)).max(1) as u32;
        let resized =
            image.resize_exact(target, target_height, image::imageops::FilterType::Triangle);
        files.push(Encoded { width: Some(target), kind, bytes: encode(&resized, kind)? });
        if kind != Kind::WebP {
            files.push(Encoded {
                width: Some(target),
                kind: Kind::WebP,
                bytes: encode(&resized, Kind::WebP)?,
            });
        }
    }
    Ok(Processed { kind, width, height, files })
}

/// The side of an author's picture, in pixels: twice the largest size pages show it at
/// (6rem), so it stays sharp on high-density screens.
pub const AVATAR_SIZE: u32 = 192;

/// An author's picture: square, small, re-encoded without metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avatar {
    pub kind: Kind,
    /// Width and height (the picture is square).
    pub size: u32,
    pub bytes: Vec<u8>,
}

/// Checks an upload as [`process`] does and makes an author's picture of it: the middle square,
/// shrunk to [`AVATAR_SIZE`] (never enlarged). Photographs stay JPEG; anything else becomes
/// PNG, which keeps drawings and logos sharp (a GIF's animation is not kept).
pub fn process_avatar(bytes: &[u8], budget: MemoryBudget) -> Result<Avatar> {
    let (kind, image) = decode_checked(bytes, budget)?;
    let side = image.width().min(image.height());
    let square =
        image.crop_imm((image.width() - side) / 2, (image.height() - side) / 2, side, side);
    let size = side.min(AVATAR_SIZE);
    let small = if size < side {
        square.resize_exact(size, size, image::imageops::FilterType::Lanczos3)
    } else {
        square
    };
    let kind = if kind == Kind::Jpeg { Kind::Jpeg } else { Kind::Png };
    Ok(Avatar { kind, size, bytes: encode(&small, kind)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            width,
            height,
            image::Rgb([200, 30, 20]),
        ));
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).expect("encode");
        out.into_inner()
    }

    #[test]
    fn variants_are_made_in_both_formats_and_never_enlarged() {
        let processed = process(&png(1000, 500), MemoryBudget::DEFAULT).expect("a valid image");
        assert_eq!((processed.kind, processed.width, processed.height), (Kind::Png, 1000, 500));
        let made: Vec<_> = processed.files.iter().map(|f| (f.width, f.kind)).collect();
        assert_eq!(
            made,
            [
                (None, Kind::Png),
                (Some(480), Kind::Png),
                (Some(480), Kind::WebP),
                (Some(960), Kind::Png),
                (Some(960), Kind::WebP)
            ]
        );
        let small = process(&png(300, 200), MemoryBudget::DEFAULT).expect("valid");
        assert_eq!(small.files.len(), 1, "nothing to shrink");
    }

    #[test]
    fn metadata_such_as_gps_location_is_dropped() {
        let image =
            DynamicImage::ImageRgb8(image::RgbImage::from_pixel(64, 64, image::Rgb([10, 90, 200])));
        let mut jpeg = Cursor::new(Vec::new());
        image.write_to(&mut jpeg, ImageFormat::Jpeg).expect("encode");
        let jpeg = jpeg.into_inner();
        // An APP1 "Exif" segment with a GPS marker, right after the start-of-image marker.
        let payload = b"Exif\0\0GPSLatitude 51.5N";
        let mut with_exif = jpeg[..2].to_vec();
        with_exif.extend([0xFF, 0xE1]);
        with_exif.extend(u16::try_from(payload.len() + 2).expect("short").to_be_bytes());
        with_exif.extend(payload);
        with_exif.extend(&jpeg[2..]);
        let processed = process(&with_exif, MemoryBudget::DEFAULT).expect("still a valid JPEG");
        for file in &processed.files {
            assert!(!file.bytes.windows(4).any(|w| w == b"Exif"), "no EXIF in any file");
            assert!(!file.bytes.windows(3).any(|w| w == b"GPS"));
        }
    }

    #[test]
    fn avatars_are_small_squares_cut_from_the_middle() {
        let wide = process_avatar(&png(1000, 400), MemoryBudget::DEFAULT).expect("valid");
        assert_eq!((wide.kind, wide.size), (Kind::Png, AVATAR_SIZE));
        let decoded = image::load_from_memory(&wide.bytes).expect("readable");
        assert_eq!((decoded.width(), decoded.height()), (AVATAR_SIZE, AVATAR_SIZE));
        let tiny = process_avatar(&png(40, 60), MemoryBudget::DEFAULT).expect("valid");
        assert_eq!(tiny.size, 40, "never enlarged");
        assert!(
            process_avatar(b"<svg/>", MemoryBudget::DEFAULT).is_err(),
            "same checks as the library"
        );
    }

    #[test]
    fn the_content_decides_not_the_name() {
        assert!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>").is_err());
        assert!(sniff(b"GIF89a....").is_ok());
        assert_eq!(
            process(b"\x89PNG\r\n\x1a\nnot really", MemoryBudget::DEFAULT)
                .expect_err("broken")
                .field,
            "file"
        );
    }

    #[test]
    fn images_over_the_memory_budget_are_refused_with_the_figures() {
        let budget = MemoryBudget::megabytes(1);
        // 1000 × 500 pixels at 4 bytes: 2,000,000 bytes, over one mebibyte.
        let error = process(&png(1000, 500), budget).expect_err("over budget");
        assert_eq!(error.field, "file");
        assert!(
            error.message.to_string().contains("1000×500")
                && error.message.to_string().contains("2 MB")
                && error.message.to_string().contains("at most 1 MB"),
            "{}",
            error.message
        );
        let error = process_avatar(&png(1000, 500), budget).expect_err("pictures too");
        assert!(error.message.to_string().contains("at most 1 MB"), "{}", error.message);
        // 500 × 500 at 4 bytes: 1,000,000 bytes, within it.
        assert!(process(&png(500, 500), budget).is_ok());
        assert_eq!(MemoryBudget::megabytes(0), MemoryBudget::megabytes(1), "never zero");
        assert!(
            MemoryBudget::DEFAULT.bytes() >= MAX_PIXELS * 4,
            "the default reads every image the pixel limit lets through"
        );
    }

    #[test]
    fn pixel_bombs_are_refused_before_decoding() {
        // A valid PNG header claiming 50,000 × 50,000 pixels, with almost no data behind it.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&50_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&50_000u32.to_be_bytes());
        let error = process(&bomb, MemoryBudget::DEFAULT).expect_err("a bomb");
        assert!(
            error.to_string().contains("40 megapixels")
                || error.to_string().contains("cannot be read"),
            "{}",
            error.message
        );
    }
}
