// GET /dasbor/dokumen/:id: a case document's PDF for whom document.download allows; anyone else gets the
// same 404 as for a document that does not exist, and a document still being rendered answers 409.
import type { FastifyReply } from "fastify";
import { decide, type DocumentKind } from "../../core/policy.ts";
import type { DashboardTexts } from "../../i18n/dashboard.ts";
import { caseTarget } from "./casePage.ts";
import type { DashboardDeps } from "./dashboardDeps.ts";
import type { Viewer } from "./dashboardViewer.ts";
import { sendMessagePage } from "./pageLayout.ts";
import { recordRefusal } from "./dashboardAudit.ts";

const DOCUMENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** "kasus-12-laporan-tertulis.pdf": says what it is without any client data. */
export function downloadName(p: { caseNo: number; kind: string; mimeType: string }): string {
  const slug =
    p.kind
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "dokumen";
  return `kasus-${p.caseNo}-${slug}${p.mimeType === "application/pdf" ? ".pdf" : ""}`;
}

/** Answers a download request for a viewer. */
export async function sendDocument(deps: DashboardDeps, p: { reply: FastifyReply; id: string; viewer: Viewer; t: DashboardTexts }) {
  const { reply, viewer, t } = p;
  const prisma = deps.app.db.prisma;
  const notFound = () => sendMessagePage(reply, { t, status: 404, title: t.notFoundTitle, lines: [t.notFound], path: "/dasbor", viewer });
  if (!DOCUMENT_ID.test(p.id)) return notFound();
  const doc = await prisma.document.findUnique({
    where: { id: p.id },
    select: {
      id: true,
      kind: true,
      mimeType: true,
      status: true,
      caseId: true,
      case: { select: { number: true, orgId: true, clientId: true, counsellorId: true } },
    },
  });
  if (!doc) return notFound();
  const verdict = decide({ subject: viewer.subject, action: "document.download", case: caseTarget(doc.case), documentKind: doc.kind as DocumentKind });
  if (!verdict.allowed) {
    await recordRefusal(deps, { viewer, caseId: doc.caseId, action: "document.download", because: verdict.because });
    return notFound();
  }
  // An erased document is gone for good: not "still being produced".
  if (doc.status === "erased") return notFound();
  const row = doc.status === "ready" ? await prisma.document.findUnique({ where: { id: doc.id }, select: { content: true } }) : null;
  if (!row?.content) return sendMessagePage(reply, { t, status: 409, title: t.pendingTitle, lines: [t.pending], path: "/dasbor", viewer });
  await prisma.auditEvent.create({
    data: {
      type: "dashboard_document_download",
      actorId: viewer.personId,
      caseId: doc.caseId,
      dataJson: JSON.stringify({ documentId: doc.id, kind: doc.kind }),
      at: deps.clock(),
    },
  });
  const pdf = doc.mimeType === "application/pdf";
  return reply
    .code(200)
    .header("content-type", pdf ? "application/pdf" : "application/octet-stream")
    .header("content-disposition", `attachment; filename="${downloadName({ caseNo: doc.case.number, kind: doc.kind, mimeType: doc.mimeType })}"`)
    .header("content-security-policy", "default-src 'none'; sandbox")
    .send(Buffer.from(row.content));
}
