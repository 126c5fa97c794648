// Award e-mails: the signed request (request.ts) and the client that sends it to a gateway (client.ts).
export * from "./client.ts";
export * from "./request.ts";
