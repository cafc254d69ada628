// One pass of the client flow through the AWS SDK for JavaScript v3 against
// the KMS endpoint in AWS_ENDPOINT_URL_KMS; prints one JSON report (see
// tests/serve/clients.rs). Environment: as tests/clients/boto3_flow.py.

import { randomBytes, randomUUID } from "node:crypto";
import { createRequire } from "node:module";

import {
  KMSClient,
  CreateKeyCommand,
  DescribeKeyCommand,
  EncryptCommand,
  DecryptCommand,
  GenerateDataKeyCommand,
  SignCommand,
  VerifyCommand,
  NotFoundException,
} from "@aws-sdk/client-kms";

const sdk = createRequire(import.meta.url)("@aws-sdk/client-kms/package.json");
const kms = new KMSClient({});
const other = new KMSClient({
  credentials: {
    accessKeyId: process.env.LKMS_TEST_OTHER_ACCESS_KEY_ID,
    secretAccessKey: process.env.LKMS_TEST_OTHER_SECRET_ACCESS_KEY,
  },
});
const report = { client: `@aws-sdk/client-kms/${sdk.version} node/${process.versions.node}`, steps: {} };
const state = {};

const b64 = (bytes) => Buffer.from(bytes).toString("base64");

/** Runs one step; records its result or the error the service returned. */
async function step(name, fn) {
  try {
    report.steps[name] = await fn();
  } catch (e) {
    report.steps[name] =
      e.$metadata !== undefined
        ? { error: e.name, message: e.message ?? "" }
        : { exception: String(e), stack: e.stack };
  }
}

const keyFields = (m) => ({
  KeyId: m.KeyId,
  Arn: m.Arn,
  KeySpec: m.KeySpec,
  KeyUsage: m.KeyUsage,
  KeyState: m.KeyState,
  Description: m.Description,
});

const CONTEXT = { purpose: "clients-test", run: randomUUID() };
const MESSAGE = Buffer.concat([Buffer.from("lkms clients flow "), randomBytes(16)]);
const SIGN = { MessageType: "RAW", SigningAlgorithm: "ECDSA_SHA_256" };

await step("create_key", async () => {
  const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({ Description: "js flow" }));
  state.key = m.KeyId;
  state.arn = m.Arn;
  return keyFields(m);
});

await step("describe_key", async () => {
  const { KeyMetadata: m } = await kms.send(new DescribeKeyCommand({ KeyId: state.key }));
  return keyFields(m);
});

await step("encrypt", async () => {
  const plaintext = randomBytes(48);
  const out = await kms.send(
    new EncryptCommand({ KeyId: state.key, Plaintext: plaintext, EncryptionContext: CONTEXT }),
  );
  state.ciphertext = out.CiphertextBlob;
  return {
    Plaintext: b64(plaintext),
    CiphertextBlob: b64(out.CiphertextBlob),
    KeyId: out.KeyId,
    EncryptionContext: CONTEXT,
  };
});

await step("decrypt", async () => {
  const out = await kms.send(
    new DecryptCommand({ CiphertextBlob: state.ciphertext, EncryptionContext: CONTEXT }),
  );
  return { Plaintext: b64(out.Plaintext), KeyId: out.KeyId };
});

await step("decrypt_wrong_context", async () => {
  const out = await kms.send(
    new DecryptCommand({
      CiphertextBlob: state.ciphertext,
      EncryptionContext: { ...CONTEXT, purpose: "something-else" },
    }),
  );
  return { Plaintext: b64(out.Plaintext), KeyId: out.KeyId };
});

await step("generate_data_key", async () => {
  const out = await kms.send(
    new GenerateDataKeyCommand({ KeyId: state.key, KeySpec: "AES_256", EncryptionContext: CONTEXT }),
  );
  const back = await kms.send(
    new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: CONTEXT }),
  );
  return {
    Plaintext: b64(out.Plaintext),
    CiphertextBlob: b64(out.CiphertextBlob),
    KeyId: out.KeyId,
    DecryptedPlaintext: b64(back.Plaintext),
  };
});

await step("create_sign_key", async () => {
  const { KeyMetadata: m } = await kms.send(
    new CreateKeyCommand({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" }),
  );
  state.signKey = m.KeyId;
  return keyFields(m);
});

await step("sign", async () => {
  const out = await kms.send(new SignCommand({ KeyId: state.signKey, Message: MESSAGE, ...SIGN }));
  state.signature = out.Signature;
  return {
    Message: b64(MESSAGE),
    Signature: b64(out.Signature),
    SigningAlgorithm: out.SigningAlgorithm,
    KeyId: out.KeyId,
  };
});

await step("verify", async () => {
  const out = await kms.send(
    new VerifyCommand({ KeyId: state.signKey, Message: MESSAGE, Signature: state.signature, ...SIGN }),
  );
  return { SignatureValid: out.SignatureValid, KeyId: out.KeyId };
});

await step("verify_altered", async () => {
  const altered = Buffer.concat([MESSAGE, Buffer.from("!")]);
  const out = await kms.send(
    new VerifyCommand({ KeyId: state.signKey, Message: altered, Signature: state.signature, ...SIGN }),
  );
  return { SignatureValid: out.SignatureValid, KeyId: out.KeyId };
});

await step("create_private_key", async () => {
  const account = state.arn.split(":")[4];
  const me = `arn:aws:iam::${account}:user/${process.env.LKMS_TEST_PRINCIPAL}`;
  const policy = {
    Version: "2012-10-17",
    Statement: [{ Sid: "OnlyMe", Effect: "Allow", Principal: { AWS: me }, Action: "kms:*", Resource: "*" }],
  };
  const { KeyMetadata: m } = await kms.send(
    new CreateKeyCommand({ Description: "only the caller", Policy: JSON.stringify(policy) }),
  );
  state.privateKey = m.KeyId;
  return { ...keyFields(m), Principal: me };
});

await step("other_encrypt_default_policy", async () => {
  const out = await other.send(
    new EncryptCommand({ KeyId: state.key, Plaintext: Buffer.from("from the other principal") }),
  );
  return { KeyId: out.KeyId };
});

await step("other_encrypt_private_key", async () => {
  const out = await other.send(
    new EncryptCommand({ KeyId: state.privateKey, Plaintext: Buffer.from("from the other principal") }),
  );
  return { KeyId: out.KeyId };
});

await step("not_found", async () => {
  try {
    await kms.send(new DescribeKeyCommand({ KeyId: randomUUID() }));
  } catch (e) {
    if (e instanceof NotFoundException) {
      return { typed: "NotFoundException", error: e.name, message: e.message };
    }
    throw e;
  }
  return { typed: null };
});

process.stdout.write(JSON.stringify(report, null, 1) + "\n");
