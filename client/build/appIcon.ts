import { encodePng } from './pngEncode.js';

/**
 * Duet's app icon: the two overlapping circles of the header's brand mark,
 * multiplied onto the paper colour. Drawn in code for both SVG and PNG so the
 * two always match and nothing binary is committed.
 */

type Rgb = readonly [number, number, number];

const PAPER: Rgb = [0xfb, 0xf6, 0xef];
const ROSE: Rgb = [0xd7, 0x6a, 0x8f];
const AMBER: Rgb = [0xd9, 0x89, 0x5f];

/** The mark is 30×22 units (two 22-unit circles, 9 apart, as in layout.css). */
const MARK_WIDTH = 30;
const MARK_HEIGHT = 22;
/**
 * Share of the icon's width the mark takes. Small enough that the whole mark
 * sits inside the 80% circle a maskable icon may be cropped to.
 */
const MARK_SHARE = 0.62;

interface Circle {
  cx: number;
  cy: number;
  r: number;
}

/** The two circles in a square of side `size`. */
function circles(size: number): [Circle, Circle] {
  const unit = (size * MARK_SHARE) / MARK_WIDTH;
  const left = (size - MARK_WIDTH * unit) / 2;
  const top = (size - MARK_HEIGHT * unit) / 2;
  const r = 11 * unit;
  return [
    { cx: left + r, cy: top + r, r },
    { cx: left + 9 * unit + r, cy: top + r, r },
  ];
}

function multiply(a: Rgb, b: Rgb): Rgb {
  return [Math.round((a[0] * b[0]) / 255), Math.round((a[1] * b[1]) / 255), Math.round((a[2] * b[2]) / 255)];
}

function hex(c: Rgb): string {
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export const ICON_BACKGROUND = hex(PAPER);

/** The icon as SVG. The overlap is painted in its multiplied colour, so no blend mode is needed. */
export function iconSvg(): string {
  const size = 512;
  const [a, b] = circles(size);
  const f = (n: number) => n.toFixed(2);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}">`,
    `<defs><clipPath id="a"><circle cx="${f(a.cx)}" cy="${f(a.cy)}" r="${f(a.r)}"/></clipPath></defs>`,
    `<rect width="${size}" height="${size}" fill="${hex(PAPER)}"/>`,
    `<circle cx="${f(a.cx)}" cy="${f(a.cy)}" r="${f(a.r)}" fill="${hex(multiply(PAPER, ROSE))}"/>`,
    `<circle cx="${f(b.cx)}" cy="${f(b.cy)}" r="${f(b.r)}" fill="${hex(multiply(PAPER, AMBER))}"/>`,
    `<circle cx="${f(b.cx)}" cy="${f(b.cy)}" r="${f(b.r)}" fill="${hex(multiply(multiply(PAPER, ROSE), AMBER))}" clip-path="url(#a)"/>`,
    '</svg>',
  ].join('');
}

/** The icon as a PNG of `size`×`size` pixels, anti-aliased by 4×4 supersampling. */
export function iconPng(size: number): Uint8Array {
  const [a, b] = circles(size);
  const inside = (c: Circle, x: number, y: number) => (x - c.cx) ** 2 + (y - c.cy) ** 2 <= c.r * c.r;
  const samples = 4;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let bl = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          let colour = PAPER;
          if (inside(a, px, py)) colour = multiply(colour, ROSE);
          if (inside(b, px, py)) colour = multiply(colour, AMBER);
          r += colour[0];
          g += colour[1];
          bl += colour[2];
        }
      }
      const n = samples * samples;
      const i = (y * size + x) * 4;
      pixels[i] = Math.round(r / n);
      pixels[i + 1] = Math.round(g / n);
      pixels[i + 2] = Math.round(bl / n);
      pixels[i + 3] = 255;
    }
  }
  return encodePng(size, size, pixels);
}
