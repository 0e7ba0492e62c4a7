// The layout kit the documents share: an A4 page with the unit's letterhead and a confidential footer,
// a heading, label/value rows, long sections that continue over pages, and a signature block. It is the
// only file that talks to pdfkit, and every string it prints goes through the Unicode policy first.
import PDFDocument from "pdfkit";
import { formatDocumentDateTime } from "./documentDates.ts";
import { documentFonts, type DocumentFonts } from "./documentFonts.ts";
import { documentTexts as t } from "./documentTexts.ts";
import type { AnyDocumentHeader } from "./documentParts.ts";
import type { DocumentPerson } from "./documentTypes.ts";
import { makeRenderable, type GlyphCheck } from "./renderableText.ts";

/** A label and its value in a form-like list ("Nama : …"). */
export type FieldRow = readonly [label: string, value: string];

/** What the PDF's own metadata says; never a client's name (viewers and indexers show metadata freely). */
export interface DocumentMeta {
  title: string;
  header: AnyDocumentHeader;
}

const PAGE = { size: "A4" as const, width: 595.28, left: 70, right: 60, bottom: 72, headerTop: 36 };
/** The letterhead's text column, leaving room for "RAHASIA" at the right. */
const ORG_WIDTH = PAGE.width - PAGE.left - PAGE.right - 90;
const SIZE = { header: 9, headerOrg: 10, heading: 13, subheading: 10.5, section: 11, body: 10, footer: 8 };
const LABEL_WIDTH = 140;
const COLON_WIDTH = 12;
const GREY = "#444444";

type FontkitFace = { hasGlyphForCodePoint(codePoint: number): boolean };

/** Coverage of both faces, per code point; the font files never change while the process runs. */
const coverage = new Map<number, boolean>();

function faceOf(doc: PDFKit.PDFDocument, path: string): FontkitFace {
  doc.font(path);
  // pdfkit keeps the parsed fontkit font on its (untyped) current font object.
  const face = (doc as unknown as { _font?: { font?: Partial<FontkitFace> } })._font?.font;
  if (!face || typeof face.hasGlyphForCodePoint !== "function") {
    throw new Error(
      "pdfkit no longer exposes the embedded font's glyph coverage (_font.font.hasGlyphForCodePoint); " +
        "keep pdfkit at the version in package.json or update src/documents/documentWriter.ts.",
    );
  }
  return face as FontkitFace;
}

function glyphCheck(doc: PDFKit.PDFDocument, fonts: DocumentFonts): GlyphCheck {
  const regular = faceOf(doc, fonts.regular);
  const bold = faceOf(doc, fonts.bold);
  return (cp) => {
    let known = coverage.get(cp);
    if (known === undefined) {
      // A character must be drawable in both faces: a value is never lost because its label was bold.
      // Control characters (C0, DEL, C1) are never drawn, whatever the font maps them to.
      const control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
      known = !control && regular.hasGlyphForCodePoint(cp) && bold.hasGlyphForCodePoint(cp);
      coverage.set(cp, known);
    }
    return known;
  };
}

/** One document being written; call finish() once to get the PDF bytes. */
export class DocumentWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly fonts: DocumentFonts;
  private readonly hasGlyph: GlyphCheck;
  private readonly header: AnyDocumentHeader;
  private readonly headerLines: { organisation: string; sop: string; caseLine: string };
  private placeholdersUsed = false;

  constructor(meta: DocumentMeta) {
    this.fonts = documentFonts();
    this.header = meta.header;
    const at = meta.header.generatedAt;
    this.doc = new PDFDocument({
      size: PAGE.size,
      autoFirstPage: false,
      bufferPages: true,
      font: this.fonts.regular,
      lang: "id-ID",
      displayTitle: true,
      info: {
        Title: meta.title,
        Author: meta.header.organisation,
        Subject: meta.header.sopTitle,
        Creator: t.creator,
        Producer: "PDFKit",
        CreationDate: at,
        ModDate: at,
      },
    });
    this.hasGlyph = glyphCheck(this.doc, this.fonts);
    this.headerLines = {
      // "Unit …, Institut … (IPDN)": each part of the name on its own line, as a letterhead sets it.
      organisation: this.safe(meta.header.organisation.split(/,\s*/).join("\n")),
      sop: this.safe(t.header.sop(meta.header.sopTitle)),
      caseLine: this.safe(t.header.caseLine({ caseNo: meta.header.caseNo, generated: formatDocumentDateTime(at, meta.header.timeZone) })),
    };
    this.doc.addPage({ size: PAGE.size, margins: { top: this.contentTop(), bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } });
  }

  /** Text as the policy allows it to be printed; remembers whether a placeholder was needed. */
  private safe(text: string): string {
    const r = makeRenderable(text, this.hasGlyph);
    if (r.replaced) this.placeholdersUsed = true;
    return r.text;
  }

  private get width(): number {
    return this.doc.page.width - PAGE.left - PAGE.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Where content starts: below the letterhead, whose organisation line may wrap. */
  private contentTop(): number {
    const d = this.doc;
    const orgWidth = ORG_WIDTH;
    d.font(this.fonts.bold).fontSize(SIZE.headerOrg);
    const org = d.heightOfString(this.headerLines.organisation, { width: orgWidth });
    d.font(this.fonts.regular).fontSize(SIZE.header);
    const sop = d.heightOfString(this.headerLines.sop, { width: orgWidth });
    const line = d.heightOfString(this.headerLines.caseLine, { width: orgWidth });
    return PAGE.headerTop + org + sop + line + 24;
  }

  /** Starts a new page when fewer than `points` remain, so a heading or a row never sits alone at the foot. */
  private keepTogether(points: number): void {
    if (this.doc.y + points > this.bottom) this.doc.addPage();
  }

  /** The document's heading (e.g. "NOTA DINAS") and optional lines under it, centred. */
  heading(title: string, ...sublines: string[]): this {
    const d = this.doc;
    d.font(this.fonts.bold).fontSize(SIZE.heading).text(this.safe(title), PAGE.left, d.y, { width: this.width, align: "center" });
    d.font(this.fonts.regular).fontSize(SIZE.subheading);
    for (const line of sublines) d.text(this.safe(line), PAGE.left, d.y, { width: this.width, align: "center" });
    d.moveDown(1.2);
    return this;
  }

  /** Label/value rows; a long value wraps in its column and may continue on the next page. */
  fields(rows: readonly FieldRow[]): this {
    const d = this.doc;
    const valueX = PAGE.left + LABEL_WIDTH + COLON_WIDTH;
    const valueWidth = this.width - LABEL_WIDTH - COLON_WIDTH;
    for (const [label, value] of rows) {
      d.fontSize(SIZE.body);
      this.keepTogether(d.currentLineHeight(true) * 2);
      const top = d.y;
      const page = d.page;
      d.font(this.fonts.bold).text(this.safe(label), PAGE.left, top, { width: LABEL_WIDTH - 4 });
      const labelBottom = d.y;
      d.font(this.fonts.regular).text(":", PAGE.left + LABEL_WIDTH, top, { lineBreak: false });
      const shown = value.trim() === "" ? t.notGiven : value;
      d.text(this.safe(shown), valueX, top, { width: valueWidth, lineGap: 1 });
      if (d.page === page) d.y = Math.max(d.y, labelBottom);
      d.y += 3;
    }
    d.x = PAGE.left;
    d.moveDown(0.6);
    return this;
  }

  /** A section title (e.g. "A. Biodata Klien"), kept on the same page as the start of what follows. */
  title(text: string): this {
    const d = this.doc;
    d.fontSize(SIZE.body);
    this.keepTogether(d.currentLineHeight(true) * 4);
    d.font(this.fonts.bold).fontSize(SIZE.section).text(this.safe(text), PAGE.left, d.y, { width: this.width });
    d.moveDown(0.3);
    return this;
  }

  /** A bold line at body size (an entry of a numbered list), kept on the same page as the rows under it. */
  subtitle(text: string): this {
    const d = this.doc;
    d.fontSize(SIZE.body);
    this.keepTogether(d.currentLineHeight(true) * 3);
    d.font(this.fonts.bold).text(this.safe(text), PAGE.left, d.y, { width: this.width });
    d.moveDown(0.2);
    return this;
  }

  /** A titled block of free text (a complaint, a plan, a report) that flows over as many pages as it needs. */
  section(title: string, body: string): this {
    return this.title(title).paragraph(body);
  }

  /** Free text without a title (the body of a Nota Dinas); an empty text prints as not given. */
  paragraph(body: string): this {
    const d = this.doc;
    const shown = body.trim() === "" ? t.notGiven : body;
    d.font(this.fonts.regular).fontSize(SIZE.body).text(this.safe(shown), PAGE.left, d.y, { width: this.width, lineGap: 2, paragraphGap: 4 });
    d.moveDown(1);
    return this;
  }

  /** A thin line across the text column, e.g. under a Nota Dinas's address block. */
  rule(): this {
    const d = this.doc;
    d.moveTo(PAGE.left, d.y)
      .lineTo(PAGE.left + this.width, d.y)
      .lineWidth(0.8)
      .stroke();
    d.moveDown(0.8);
    return this;
  }

  /** The signatory's block at the right: role, space for a wet signature, name. */
  signature(person: DocumentPerson, dateLine?: string): this {
    const d = this.doc;
    d.fontSize(SIZE.body);
    this.keepTogether(d.currentLineHeight(true) * 7);
    const x = PAGE.left + this.width * 0.55;
    const width = this.width * 0.45;
    d.moveDown(1);
    d.font(this.fonts.regular);
    if (dateLine) d.text(this.safe(dateLine), x, d.y, { width });
    d.text(this.safe(`${person.role},`), x, d.y, { width });
    d.moveDown(3);
    d.font(this.fonts.bold).text(this.safe(person.name), x, d.y, { width, underline: true });
    d.x = PAGE.left;
    d.moveDown(1);
    return this;
  }

  /** Letterhead and footer on every page, the placeholder note if needed; returns the PDF bytes. */
  async finish(): Promise<Buffer> {
    const d = this.doc;
    if (this.placeholdersUsed) {
      d.fontSize(SIZE.footer);
      this.keepTogether(d.currentLineHeight(true) * 3);
      d.moveDown(1);
      d.font(this.fonts.regular).fillColor(GREY).text(t.placeholderNote, PAGE.left, d.y, { width: this.width });
      d.fillColor("black");
    }
    const chunks: Buffer[] = [];
    d.on("data", (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      d.on("end", () => resolve(Buffer.concat(chunks)));
      d.on("error", reject);
    });
    const { start, count } = d.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      d.switchToPage(i);
      this.drawLetterhead();
      this.drawFooter(i - start + 1, count);
    }
    d.end();
    return done;
  }

  private drawLetterhead(): void {
    const d = this.doc;
    const margins = d.page.margins;
    d.page.margins = { ...margins, top: 0, bottom: 0 };
    const orgWidth = ORG_WIDTH;
    d.font(this.fonts.bold).fontSize(SIZE.headerOrg).fillColor("black");
    d.text(t.header.confidential, PAGE.left, PAGE.headerTop, { width: this.width, align: "right", lineBreak: false });
    d.text(this.headerLines.organisation, PAGE.left, PAGE.headerTop, { width: orgWidth });
    d.font(this.fonts.regular).fontSize(SIZE.header);
    d.text(this.headerLines.sop, PAGE.left, d.y, { width: orgWidth });
    d.text(this.headerLines.caseLine, PAGE.left, d.y, { width: orgWidth });
    const y = d.y + 6;
    d.moveTo(PAGE.left, y)
      .lineTo(PAGE.left + this.width, y)
      .lineWidth(1.2)
      .stroke();
    d.page.margins = margins;
  }

  private drawFooter(page: number, pages: number): void {
    const d = this.doc;
    const margins = d.page.margins;
    d.page.margins = { ...margins, top: 0, bottom: 0 };
    const y = d.page.height - PAGE.bottom + 30;
    d.moveTo(PAGE.left, y - 6)
      .lineTo(PAGE.left + this.width, y - 6)
      .lineWidth(0.5)
      .stroke();
    d.font(this.fonts.bold).fontSize(SIZE.footer).fillColor("black");
    d.text(t.footer.confidential, PAGE.left, y, { width: this.width - 80, lineBreak: false });
    d.font(this.fonts.regular);
    d.text(t.footer.page({ page, pages }), PAGE.left, y, { width: this.width, align: "right", lineBreak: false });
    d.page.margins = margins;
  }
}
