import { describe, expect, it } from "vitest";
import { PNG } from "../../test/images";
import { sniffImage, sniffType } from "./sniff";

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

/** A zip of stored (uncompressed) entries, enough for a container's type to be told from its entries' names. */
function zip(entries: Record<string, string>): Uint8Array {
  const out: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
  for (const [name, content] of Object.entries(entries)) {
    const n = new TextEncoder().encode(name);
    const c = new TextEncoder().encode(content);
    out.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(c.length), ...u32(c.length), ...u16(n.length), ...u16(0), ...n, ...c);
  }
  return new Uint8Array(out);
}

describe("sniffing a file's type from its bytes", () => {
  it.each([
    ["PNG", PNG, "image/png"],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF", [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), "image/jpeg"],
    ["GIF", bytes("GIF89a", [1, 0, 1, 0, 0, 0, 0]), "image/gif"],
    ["WebP", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ", [0, 0, 0, 0]), "image/webp"],
    ["PDF", bytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"), "application/pdf"],
    ["MP4 video", bytes([0, 0, 0, 0x18], "ftypisom", [0, 0, 2, 0], "isomiso2"), "video/mp4"],
    ["Word document", zip({
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": "<w:document/>",
      }), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["plain zip", zip({ "notes.txt": "hello" }), "application/zip"],
    ["SVG", bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "image/svg+xml"],
    ["text", bytes("Bonjour à tous, voici le compte rendu."), "text/plain"],
    ["binary", bytes([1, 2, 3, 0, 255, 254, 0, 7]), "application/octet-stream"],
  ])("%s", async (_name, data, type) => {
    expect(await sniffType(data, "upload.bin")).toBe(type);
  });

  it("reads text whose 4 KB window cuts a character in two as text", async () => {
    const csv = bytes("ville,pays\n" + "a".repeat(4096 - 12) + "é,France\n");
    expect(csv[4095]).toBe(0xc3); // the window ends inside "é"
    expect(await sniffType(csv, "villes.csv")).toBe("text/csv");
  });

  it("tells CSV from text by the name only", async () => {
    expect(await sniffType(bytes("name,city\nAda,Paris\n"), "people.csv")).toBe("text/csv");
  });

  it("serves inline only the four image types", async () => {
    expect(await sniffImage(PNG)).toBe("image/png");
    expect(await sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(await sniffImage(bytes("%PDF-1.7\n"))).toBeNull();
    expect(await sniffImage(new Uint8Array(0))).toBeNull();
  });
});
