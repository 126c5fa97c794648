// The little of autocannon's API the bench uses (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; p50: number; p99: number; max: number; total: number };
  type Result = {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    /** Responses by status class: "1xx" … "5xx". */
    statusCodeStats?: Record<string, { count: number }>;
    "2xx": number;
    "4xx": number;
    "5xx": number;
  };
  type Request = { method?: string; path?: string; headers?: Record<string, string> };
  function autocannon(options: {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    headers?: Record<string, string>;
    requests?: (Request & { setupRequest?: (request: Request) => Request })[];
  }): Promise<Result>;
  export default autocannon;
}
