import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import { MAX_PHOTO_PIXELS } from '#shared/model/quotas.js';
import { PHOTO_LONG_EDGE, type PhotoSize } from '#shared/model/photoSizes.js';
import { PhotoRefusal } from './PhotoRefusal.js';

/** What the decoder found in an upload, before anything is decoded in full. */
export interface PhotoPlan {
  /** The media type every size is written in. */
  type: 'image/jpeg' | 'image/webp';
}

/** Formats taken, by the decoder's name for them (`heif` covers AVIF, and HEIC where the decoder has it). */
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif']);

const NOT_A_PHOTO = 'This file is not a photo Duet can read. Send a JPEG, PNG, WebP or AVIF picture.';

/**
 * Options for every decode: refuse more than MAX_PHOTO_PIXELS before
 * decoding (a decompression bomb), and fail on a damaged file rather than
 * store half a picture (sharp's default `failOn: 'warning'`, said here so it
 * stays so).
 */
const DECODE = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'warning' } as const;

/**
 * Reads the upload's header (cheap) and decides how it will be stored:
 * refuses what is not a photo of a taken format (415) and a picture of more
 * than MAX_PHOTO_PIXELS (422), and picks the output type. JPEG for photos (the
 * best size for camera pictures, and what every device shows); a picture
 * with real transparency (a PNG or WebP sticker, a drawing) stays transparent
 * as WebP, which keeps alpha at a fraction of PNG's size and which every
 * current browser shows.
 */
export async function planPhoto(path: string): Promise<PhotoPlan> {
  let meta: Metadata;
  try {
    // The header only (no pixels are decoded), read without the pixel limit so a bomb is told by its size below.
    meta = await sharp(path, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoRefusal(415, 'not_a_photo', NOT_A_PHOTO);
  }
  if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height) throw new PhotoRefusal(415, 'not_a_photo', NOT_A_PHOTO);
  // HEIC (HEVC inside HEIF) needs a decoder sharp's prebuilt binaries leave out; AVIF (AV1) they have.
  if (meta.format === 'heif' && meta.compression === 'hevc') throw heicRefusal();
  if (meta.width * meta.height > MAX_PHOTO_PIXELS) {
    throw new PhotoRefusal(
      422,
      'too_many_pixels',
      `This picture is ${meta.width} × ${meta.height} pixels, more than Duet can open (${MAX_PHOTO_PIXELS / 1_000_000} megapixels). Try a smaller copy of it.`,
    );
  }
  // A channel of alpha that is opaque everywhere (common in PNG screenshots) is no reason to leave JPEG.
  let transparent = false;
  if (meta.hasAlpha) {
    try {
      transparent = !(await sharp(path, DECODE).stats()).isOpaque;
    } catch (error) {
      throw damaged(meta.format, error);
    }
  }
  return { type: transparent ? 'image/webp' : 'image/jpeg' };
}

/**
 * One size of the photo as a stream: EXIF orientation applied first, shrunk
 * to the size's long edge (never enlarged), and re-encoded, which leaves out
 * every piece of metadata (location, camera, times, the ICC profile after
 * converting to sRGB). Reports the pixels written through `onInfo`.
 */
export function renderSize(path: string, size: PhotoSize, plan: PhotoPlan, onInfo?: (info: { width: number; height: number }) => void): Sharp {
  const edge = PHOTO_LONG_EDGE[size];
  const pipeline = sharp(path, DECODE).autoOrient().resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true });
  const encoded =
    plan.type === 'image/webp'
      ? pipeline.webp({ quality: size === 'thumb' ? 80 : 88, alphaQuality: 100 })
      : // Baseline: progressive coding cost four times the encoding time of a 12-megapixel full size
        // here, and a second for the display size on a busy machine, all before the partner sees the
        // photo. The thumbnail is small enough for mozjpeg's slower, tighter coding.
        pipeline.jpeg({ quality: size === 'thumb' ? 78 : 84, mozjpeg: size === 'thumb' });
  if (onInfo) encoded.on('info', (info: OutputInfo) => onInfo({ width: info.width, height: info.height }));
  return encoded;
}

/** A decoding error as the person should hear it. */
export function damaged(format: string | undefined, error: unknown): PhotoRefusal {
  const message = String((error as Error)?.message ?? error);
  if (format === 'heif' && /compression format|decoder|codec|hevc|unsupported/i.test(message)) return heicRefusal();
  if (/pixel limit/i.test(message)) {
    return new PhotoRefusal(422, 'too_many_pixels', `This picture has more pixels than Duet can open (${MAX_PHOTO_PIXELS / 1_000_000} megapixels). Try a smaller copy of it.`);
  }
  return new PhotoRefusal(422, 'photo_damaged', 'This photo seems to be damaged or cut short, so it cannot be opened. Try sending it again, or pick another copy.');
}

function heicRefusal(): PhotoRefusal {
  return new PhotoRefusal(
    415,
    'format_not_supported',
    'Photos in HEIC format cannot be opened here yet. On an iPhone, choose “Most Compatible” under Settings → Camera → Formats, or share the photo as JPEG.',
  );
}
