/** The README.txt of an evidence bundle: how to verify it, in Persian and in English. */

/** The README text for a bundle of this case, node and tree head. */
export function bundleReadme(input: {
  caseRef: string;
  nodeId: string;
  createdAt: string;
  treeSize: number;
  rootHash: string;
  kid: string;
}): string {
  return `بستهٔ ادله — casebridge
=======================

پرونده: ${input.caseRef}
گره: ${input.nodeId}
تاریخ تهیه (UTC): ${input.createdAt}
سرِ درخت امضاشده: اندازه ${input.treeSize}، ریشه ${input.rootHash}، کلید ${input.kid}

این بسته همهٔ پیام‌های امضاشده، رسیدهای تحویل، اسناد و کلیدهای عمومی مربوط به این پرونده را در بر دارد.

راستی‌آزمایی (بدون نیاز به پایگاه داده یا شبکه):

    casebridge verify <این-فایل>.zip

خروجی «OK» یعنی همه چیز درست است؛ در غیر این صورت هر ایراد با نام فایل آن فهرست می‌شود (کد خروج ۲).

راستی‌آزمایی دستی:
  ۱. هر فایل messages/*.jws یک JWS فشرده (RFC 7515، الگوریتم EdDSA) است؛ آن را با کلید keys/<kid>.jwk.json
     که kid آن در سرآیند JWS آمده بررسی کنید. محتوای آن JSON متعارف (RFC 8785) است و SHA-256 آن «هش پیام» است.
  ۲. هر پیام با seq و prev (هش پیام پیشین همان رشته) به پیام قبلی زنجیر شده است.
  ۳. هر فایل receipts/*.jws رسید تحویل امضاشدهٔ گیرنده است و شناسه و هش پیام را نام می‌برد.
  ۴. نام هر فایل documents/<sha256> همان SHA-256 محتوای آن است.
  ۵. برای هر ورودی manifest.json: هش برگ = SHA-256(0x00 ‖ بایت‌های فایل) و مسیر شمول آن (RFC 9162 بند 2.1.3.2)
     باید به ریشهٔ سرِ درخت امضاشده (treeHead.jws) برسد.
  ۶. kid کلیدهای این بسته را با کلیدهایی که هر گره از راه دیگری اعلام کرده مقایسه کنید: بسته خودش
     نمی‌تواند ثابت کند که کلیدها از آنِ چه کسی است.

Evidence bundle — casebridge
============================

Case: ${input.caseRef}
Node: ${input.nodeId}
Created (UTC): ${input.createdAt}
Signed tree head: size ${input.treeSize}, root ${input.rootHash}, key ${input.kid}

This bundle holds every signed message, delivery receipt, document and public key of this case.

To verify it (no database, no network needed):

    casebridge verify <this-file>.zip

"OK" means everything checks; otherwise each failure is listed with the file it concerns (exit code 2).

To verify by hand:
  1. Each messages/*.jws is a compact JWS (RFC 7515, alg EdDSA per RFC 8037); check it with the key
     keys/<kid>.jwk.json named by the kid in its protected header. Its payload is canonical JSON (RFC 8785);
     the SHA-256 of the payload is the message hash.
  2. Each message chains to the previous one of its thread (same sender, receiver and case) by seq and prev
     (the previous message's hash).
  3. Each receipts/*.jws is the receiving node's signed delivery receipt; it names the message id and hash.
  4. Each documents/<sha256> is named by the SHA-256 of its bytes.
  5. For each entry of manifest.json, the leaf hash is SHA-256(0x00 || the file's bytes), and its inclusion
     path (RFC 9162 §2.1.3.2, hex) must lead to the root of the signed tree head (treeHead.jws, a JWS over
     the canonical JSON {nodeId, treeSize, rootHash, timestamp}). Any Certificate Transparency code can check it.
  6. Compare the kids of the keys in this bundle with the keys each node published by other means: a bundle
     cannot prove by itself whose keys they are.

Note: the bundle proves that each entry it lists is in the node's log; a message left out in the middle of a
thread shows as a gap in the chain, but one left out at the end of a thread cannot be detected from the
bundle alone — compare its tree head with a later one (GET /api/evidence/consistency) to see the whole log.
`;
}
