import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { PHOTO_ENTRY_FIELD, PHOTO_FILE_FIELD } from '#shared/api/photoTypes.js';
import type { ApiClient } from './apiClient.js';

/**
 * Pictures for the photo tests, made with sharp, and the upload a browser
 * sends (multipart, one file field).
 */

/**
 * A 300 × 200 camera JPEG whose left half is red and right half blue, with
 * EXIF saying where it was taken (GPS), which camera took it, and that it
 * must be turned 90° clockwise to be seen upright (orientation 6): seen
 * upright it is 200 × 300, red on top.
 */
export function jpegWithLocation(): Promise<Buffer> {
  const red = { r: 220, g: 20, b: 20 };
  const blue = { r: 20, g: 20, b: 220 };
  return sharp({ create: { width: 300, height: 200, channels: 3, background: blue } })
    .composite([{ input: { create: { width: 150, height: 200, channels: 3, background: red } }, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneCo', Model: 'Camera 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 300/100' },
    })
    .toBuffer();
}

/** A photo-like JPEG of noise (it does not compress), about `width × height × 0.8` bytes at quality 92. */
export function noisyJpeg(width: number, height: number, quality = 92): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .jpeg({ quality })
    .toBuffer();
}

/** A PNG with see-through parts: a round sticker on a transparent square. */
export function transparentPng(): Promise<Buffer> {
  const circle = Buffer.from('<svg width="120" height="120"><circle cx="60" cy="60" r="50" fill="#e35"/></svg>');
  return sharp({ create: { width: 120, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: circle }])
    .png()
    .toBuffer();
}

/** A JPEG cut off at 70%: the header reads fine, the picture does not. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await noisyJpeg(640, 480);
  return whole.subarray(0, Math.floor(whole.length * 0.7));
}

/**
 * A decompression bomb: a small PNG (made by sharp, a few hundred bytes)
 * whose header claims 12,000 × 10,000 pixels, so decoding it would take
 * 360 MB. Encoding that many real pixels takes sharp many seconds, and the
 * danger is the claim, so the header is rewritten (with its checksum).
 */
export async function pixelBomb(width = 12_000, height = 10_000): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#fff' } }).png().toBuffer());
  // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), … CRC over type and data (17 bytes).
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** Uploads `bytes` as a browser's form would, with the client's session. */
export async function uploadPhoto(
  client: ApiClient,
  journalId: string,
  photoId: string,
  bytes: Buffer,
  options: { filename?: string; type?: string; entryId?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  if (options.entryId) form.set(PHOTO_ENTRY_FIELD, options.entryId);
  form.set(PHOTO_FILE_FIELD, new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/jpeg' }), options.filename ?? 'photo.jpg');
  const response = await fetch(`${client.baseUrl}/api/journals/${journalId}/photos/${photoId}`, {
    method: 'PUT',
    body: form,
    headers: client.cookie ? { cookie: client.cookie } : {},
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A size of a photo as served, with its headers. */
export async function fetchPhoto(client: ApiClient, journalId: string, photoId: string, size: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${client.baseUrl}/api/journals/${journalId}/photos/${photoId}/${size}`, {
    headers: { ...(client.cookie ? { cookie: client.cookie } : {}), ...headers },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * A camera-like JPEG: smooth light and colour with sensor grain, quick to
 * make at any size. `grain` 20 gives about 5 MB at 4032 × 3024 (12 MP, a
 * phone's usual photo); each `seed` is a different picture (and file).
 */
export function cameraJpeg(width: number, height: number, seed: number, grain = 20): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  const noise = randomBytes(width * height);
  const clamp = (value: number) => Math.max(0, Math.min(255, value));
  let i = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const n = ((noise[y * width + x] - 128) * grain) / 128;
      pixels[i++] = clamp(128 + 90 * Math.sin((x + seed * 37) / 301) * Math.cos(y / 211) + n);
      pixels[i++] = clamp(110 + 80 * Math.sin((x + y) / 157 + seed) + n);
      pixels[i++] = clamp(100 + 70 * Math.cos((x - y) / 419) + n);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer();
}
