/**
 * A refund's proof (死亡医学证明, 户口注销证明…): a photo or a PDF the resident uploads to storage
 * under `refund-proofs/`, shown to the reviewing operator by a short-lived link, and deleted once
 * the request is decided. The file's own first bytes say what it is, never its name.
 */
import type { RefundReason } from './vocabulary';

export const PROOF_TYPES = ['jpg', 'png', 'pdf'] as const;
export type ProofType = (typeof PROOF_TYPES)[number];

/** A phone photo is a few MB; a scanned certificate as PDF rarely more. */
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;

/** What a resident is told of a file over PROOF_MAX_BYTES. */
export const PROOF_TOO_LARGE = '文件超过 10 MB：请拍照上传，或把 PDF 压缩后再试';

/** A proof never attached to a request, or a request never reviewed, is not kept past this. */
export const PROOF_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** The storage folder proofs go to (cloud storage: residents may write only here). */
export const PROOF_FOLDER = 'refund-proofs';

/** Reasons the bureau cannot check from its own records: the request needs a proof. */
export const PROOF_REQUIRED: ReadonlySet<RefundReason> = new Set(['death', 'emigrated']);

/** What the resident is asked to upload, per reason (the bureau's counter decides what suffices). */
export const PROOF_HINTS: Partial<Record<RefundReason, string>> = {
  death: '死亡医学证明、火化证明或户口注销证明的照片',
  emigrated: '出国（境）定居证明或户口注销证明的照片',
  joined_employee: '职工医保参保证明（可不上传，经办机构可以核查）',
  joined_other_region: '外地居民医保缴费凭证（可不上传，经办机构可以核查）',
  other: '能说明退费原因的材料（可不上传）',
};

const MAGIC: Array<[ProofType, number[]]> = [
  ['jpg', [0xff, 0xd8, 0xff]],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

/** How many leading bytes `proofType` needs. */
export const PROOF_SNIFF_BYTES = 8;

/** The file's type from its first bytes, or null when it is neither a JPEG, a PNG nor a PDF. */
export function proofType(head: Uint8Array): ProofType | null {
  return MAGIC.find(([, magic]) => magic.every((b, i) => head[i] === b))?.[0] ?? null;
}

export const PROOF_CONTENT_TYPES: Record<ProofType, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

/** A fileID in the proofs folder (cloud://env.bucket/refund-proofs/… or local://refund-proofs/…). */
export const isProofFileID = (fileID: string) => /^(cloud:\/\/[^/]+|local:)\/\/?refund-proofs\/[A-Za-z0-9._-]{8,100}$/.test(fileID);
