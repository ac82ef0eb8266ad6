/**
 * The statement as a PDF (pdfkit, landscape letter, Helvetica): the same tables
 * as the other forms. The document's creation date is fixed to the Distribution
 * Date so the same statement gives the same bytes. pdfkit is loaded on the
 * first PDF, not with the library (it takes longer to load than the engine).
 */
import { statementTables } from "./sections.js";
import type { Statement } from "./statement.js";

export async function renderStatementPdf(s: Statement): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const [y, m, d] = s.distributionDate.split("-").map(Number);
  const fixed = new Date(Date.UTC(y, m - 1, d));
  const doc = new PDFDocument({
    size: "LETTER",
    layout: "landscape",
    margin: 36,
    info: { Title: `${s.deal.name} statement ${s.distributionDate}`, Author: s.deal.trustee, CreationDate: fixed, ModDate: fixed, Producer: "tranche", Creator: "tranche" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;
  doc.font("Helvetica-Bold").fontSize(13).text("Statement to Certificateholders (PSA §4.06)", left, doc.y);
  doc.font("Helvetica").fontSize(10).text(`${s.deal.name}, Distribution Date ${s.distributionDate}, revision ${s.revision}`);
  doc.moveDown(0.5);
  const rowHeight = 11;
  for (const t of statementTables(s)) {
    const weights = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? "").length), 4));
    const total = weights.reduce((a, b) => a + b, 0);
    const colWidths = weights.map((w) => (w / total) * width);
    if (doc.y + rowHeight * 5 > bottom) doc.addPage();
    doc.font("Helvetica-Bold").fontSize(9).text(t.title, left, doc.y + 4);
    const drawRow = (cells: readonly string[], bold: boolean): void => {
      if (doc.y + rowHeight > bottom) doc.addPage();
      const top = doc.y;
      let x = left;
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(7);
      cells.forEach((text, i) => {
        doc.text(text, x + 2, top, { width: colWidths[i] - 4, align: t.numeric[i] ? "right" : "left", lineBreak: false, ellipsis: true, height: rowHeight });
        x += colWidths[i];
      });
      doc.x = left;
      doc.y = top + rowHeight;
    };
    drawRow(t.columns, true);
    for (const r of t.rows) drawRow(r, false);
  }
  doc.end();
  return done;
}
