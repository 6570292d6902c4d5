export interface PngChunk {
  type: string;
  data: Buffer;
  start: number;
  end: number;
}
export function pngChunks(png: Buffer): PngChunk[];
export function readPng(png: Buffer): { width: number; height: number; text: Record<string, string> };
export function withTextChunk(png: Buffer, keyword: string, value: string): Buffer;
