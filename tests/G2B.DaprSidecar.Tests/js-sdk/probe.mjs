// Drives the official Dapr JavaScript SDK against a sidecar, once over gRPC and once over HTTP, the way an app
// written with it starts and publishes. Prints one JSON line with what it saw; JsSdkConformanceTests reads it.
import { CommunicationProtocolEnum, DaprClient, LogLevel } from "@dapr/dapr";

const { SIDECAR_HTTP_PORT, SIDECAR_GRPC_PORT, SIDECAR_TOKEN, TOPIC } = process.env;
const result = {};
for (const [name, protocol, port] of [
  ["grpc", CommunicationProtocolEnum.GRPC, SIDECAR_GRPC_PORT],
  ["http", CommunicationProtocolEnum.HTTP, SIDECAR_HTTP_PORT],
]) {
  const client = new DaprClient({
    daprHost: "127.0.0.1",
    daprPort: port,
    communicationProtocol: protocol,
    daprApiToken: SIDECAR_TOKEN,
    logger: { level: LogLevel.Error },
  });
  // start() polls the sidecar until it answers: gRPC GetMetadata, or GET /v1.0/metadata over HTTP.
  await client.start();
  const metadata = await client.metadata.get();
  const published = await client.pubsub.publish("pubsub", TOPIC, { orderId: `js-${name}`, amount: 1 });
  const bulk = await client.pubsub.publishBulk("pubsub", TOPIC, [
    { orderId: `js-${name}-bulk-1`, amount: 2 },
    { orderId: `js-${name}-bulk-2`, amount: 3 },
  ]);
  result[name] = {
    id: metadata.id,
    components: (metadata.components ?? []).map((c) => c.name),
    publishError: published.error ? String(published.error) : null,
    bulkFailed: bulk.failedMessages.map((f) => String(f.error)),
  };
  await client.stop();
}

console.log(JSON.stringify(result));
process.exit(0);
