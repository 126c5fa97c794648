// Award e-mails: the signed request (request.ts), the client that sends it to a gateway (client.ts)
// and the wallet offers a message carries (offers.ts).
export * from "./client.ts";
export * from "./offers.ts";
export * from "./request.ts";
