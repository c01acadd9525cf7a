import fs from 'node:fs';
import type { Element, Root } from 'hast';
import { imageSize } from 'image-size';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

// Gives every image of the site's own (a file beside the post, or one under public/) its width and
// height, so a browser reserves its box before the bytes arrive and the text below does not jump
// (with the stylesheet's `height: auto`, the picture's own ratio still wins once it has loaded).
// Runs before the links are rewritten, while `src` is still as the author wrote it.

export interface Dimensions {
  width: number;
  height: number;
}

/**
 * The displayed size of the picture in `file`, or undefined for what image-size cannot read. EXIF
 * orientations 5–8 turn a JPEG a quarter: the browser shows it with width and height swapped.
 */
export function imageDimensions(file: string): Dimensions | undefined {
  try {
    const { width, height, orientation } = imageSize(fs.readFileSync(file));
    if (!width || !height) return undefined;
    return orientation !== undefined && orientation >= 5 ? { width: height, height: width } : { width, height };
  } catch {
    return undefined;
  }
}

/** The unified plugin: sets `width` and `height` on `<img>` elements that have neither. */
export default function rehypeImageDimensions() {
  return (tree: Root, file: VFile) => {
    const imageFile = file.data.linkContext?.imageFile;
    if (!imageFile) return;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img' || typeof node.properties.src !== 'string') return;
      // An author's own width or height says how the picture is meant to show: leave both alone.
      if (node.properties.width !== undefined || node.properties.height !== undefined) return;
      const source = imageFile(node.properties.src);
      const size = source && imageDimensions(source);
      if (size) Object.assign(node.properties, size);
    });
  };
}
