// 10. Webhook verification: deliveries verified per second by the webhooks entry, with its key
// cached, beside raw `crypto.subtle.verify` of the same signature over the same bytes (the
// floor: no headers, no base64, no JSON).
import { createWebhookVerifier } from "@realtimekit-sessions/client/webhooks";
import { interleave, type Summary } from "./harness.js";

export interface WebhookOptions {
  /** Verifications in one timed batch. */
  batch: number;
  rounds: number;
  warmups: number;
}

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

export async function benchWebhooks(
  options: WebhookOptions,
): Promise<Record<"raw crypto.subtle.verify" | "ours", Summary>> {
  const pair = await crypto.subtle.generateKey(
    { ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  );
  const spki = Buffer.from(await crypto.subtle.exportKey("spki", pair.publicKey)).toString("base64");
  const publicKey = `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----`;
  // A transcript event as public RealtimeKit backends receive it, about 600 bytes.
  const body = JSON.stringify({
    event: "meeting.transcript",
    meeting: {
      id: "bbbf5e93-289c-4c9b-bd44-d677a9206df7",
      sessionId: "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d",
      title: "Weekly product sync",
      status: "ENDED",
      createdAt: "2026-11-01T09:59:59.000Z",
      startedAt: "2026-11-01T10:00:00.000Z",
      endedAt: "2026-11-01T10:45:00.000Z",
      organizedBy: { id: "4f1d2b9c-8e7a-6d5c-4b3a-291807f6e5d4", name: "Acme" },
    },
    transcriptDownloadUrl: `https://storage.example.com/transcripts/8d5a4b6e.csv?X-Amz-Signature=${"f".repeat(64)}`,
  });
  const bytes = new TextEncoder().encode(body);
  const signature = new Uint8Array(await crypto.subtle.sign(ALGORITHM, pair.privateKey, bytes));
  const headers = {
    "content-type": "application/json",
    "rtk-signature": Buffer.from(signature).toString("base64"),
    "rtk-uuid": "1e3f6a9c-0b2d-4c5e-8f7a-9b1c2d3e4f50",
    "rtk-webhook-id": "8a3f0c52-5d1e-4b7a-9c2e-0f6b1d4e7a90",
  };
  const verifier = createWebhookVerifier({ publicKey });
  const key = await crypto.subtle.importKey("spki", Buffer.from(spki, "base64"), ALGORITHM, false, ["verify"]);

  /** Verifications per second, over one batch. */
  const timed = (verify: () => Promise<unknown>) => async () => {
    const start = performance.now();
    for (let index = 0; index < options.batch; index++) await verify();
    return options.batch / ((performance.now() - start) / 1000);
  };
  return interleave(
    {
      "raw crypto.subtle.verify": timed(async () => {
        if (!(await crypto.subtle.verify(ALGORITHM, key, signature, bytes))) throw new Error("not verified");
      }),
      ours: timed(() => verifier.verify({ body, headers })),
    },
    options.rounds,
    options.warmups,
  );
}
