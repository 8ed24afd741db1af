/**
 * The operator side of the operator API: an operator profile (written by `fiugw pki init`) names the
 * gateway's address, the trust anchor for its certificate, and the operator's own certificate and key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../config.js';
import { GatewayError } from '../errors.js';
import type { OperatorClient as GrpcOperatorClient } from '../generated/fiu/exchange/v1/Operator.js';
import type { AssignCaseResponse__Output } from '../generated/fiu/exchange/v1/AssignCaseResponse.js';
import type { CloseCaseResponse__Output } from '../generated/fiu/exchange/v1/CloseCaseResponse.js';
import type { DraftOutcome__Output } from '../generated/fiu/exchange/v1/DraftOutcome.js';
import type { ListInboxResponse__Output } from '../generated/fiu/exchange/v1/ListInboxResponse.js';
import type { SummariseCasesResponse__Output } from '../generated/fiu/exchange/v1/SummariseCasesResponse.js';
import type { ListOutboxResponse__Output } from '../generated/fiu/exchange/v1/ListOutboxResponse.js';
import type { OutboxActionResponse__Output } from '../generated/fiu/exchange/v1/OutboxActionResponse.js';
import type { ShowCaseResponse__Output } from '../generated/fiu/exchange/v1/ShowCaseResponse.js';
import type { SubmitRequestResponse__Output } from '../generated/fiu/exchange/v1/SubmitRequestResponse.js';
import { clientCredentials, identityChannelOptions } from './credentials.js';
import { operatorProto } from './proto.js';
import { fromStatus } from './status.js';
import type { DecideConsentRequest } from '../generated/fiu/exchange/v1/DecideConsentRequest.js';
import type { ExportCaseRequest } from '../generated/fiu/exchange/v1/ExportCaseRequest.js';
import type { ExportCaseResponse__Output } from '../generated/fiu/exchange/v1/ExportCaseResponse.js';
import type { RequestConsentRequest } from '../generated/fiu/exchange/v1/RequestConsentRequest.js';
import type { SendFeedbackRequest } from '../generated/fiu/exchange/v1/SendFeedbackRequest.js';

const profileSchema = z
  .object({
    fiu: z.string().min(1),
    operator: z.string().min(1),
    address: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port of the gateway operator API'),
    ca: z.string().min(1),
    cert: z.string().min(1),
    key: z.string().min(1),
  })
  .strict();

/** An operator profile with absolute paths. */
export type OperatorProfile = z.infer<typeof profileSchema>;

/** Reads an operator profile; relative paths are resolved against the profile's folder. */
export function loadOperatorProfile(file: string): OperatorProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new GatewayError('config.file_unreadable', `cannot read operator profile ${file}`, { cause: err });
  }
  const r = profileSchema.safeParse(raw);
  if (!r.success) throw new GatewayError('config.invalid', `${file}: ${formatIssues(r.error.issues)}`);
  const dir = path.dirname(path.resolve(file));
  const abs = (p: string) => path.resolve(dir, p);
  return { ...r.data, ca: abs(r.data.ca), cert: abs(r.data.cert), key: abs(r.data.key) };
}

/** Client credentials from an operator profile: its certificate and key, and the gateway's trust anchor. */
export function operatorCredentials(profile: OperatorProfile) {
  const read = (f: string, what: string) => {
    try {
      return readFileSync(f);
    } catch (err) {
      throw new GatewayError('config.file_unreadable', `cannot read ${what} ${f}`, { cause: err });
    }
  };
  return clientCredentials(
    {
      ca: read(profile.ca, 'trust anchor'),
      cert: read(profile.cert, 'certificate'),
      key: read(profile.key, 'key'),
    },
    profile.fiu,
  );
}

/** A connection to one's own gateway as an operator. */
export class OperatorConnection {
  private readonly client: GrpcOperatorClient;

  constructor(
    readonly profile: OperatorProfile,
    private readonly timeoutMs = 30_000,
  ) {
    const creds = operatorCredentials(profile);
    const Ctor = operatorProto().fiu.exchange.v1.Operator;
    this.client = new Ctor(profile.address, creds, identityChannelOptions(profile.fiu));
  }

  private call<Req, Res>(
    name: string,
    fn: (req: Req, opts: { deadline: number }, cb: (e: unknown, r?: Res) => void) => unknown,
    req: Req,
  ): Promise<Res> {
    return new Promise((resolve, reject) => {
      fn.call(this.client, req, { deadline: Date.now() + this.timeoutMs }, (err: unknown, res?: Res) => {
        if (err) reject(fromStatus(err, `${name} at ${this.profile.address}`));
        else resolve(res as Res);
      });
    });
  }

  submitRequest(to: string, request: unknown): Promise<SubmitRequestResponse__Output> {
    return this.call('SubmitRequest', this.client.submitRequest as never, {
      to,
      requestJson: JSON.stringify(request),
    });
  }

  listInbox(
    filter: { state?: string; partner?: string; overdue?: boolean } = {},
  ): Promise<ListInboxResponse__Output> {
    return this.call('ListInbox', this.client.listInbox as never, filter);
  }

  /** Assigns a case to `assignee` (a liaison officer), or to oneself when none is given. */
  assignCase(caseId: string, assignee?: string): Promise<AssignCaseResponse__Output> {
    return this.call('AssignCase', this.client.assignCase as never, { caseId, assignee: assignee ?? '' });
  }

  draftResponse(caseId: string, response: unknown): Promise<DraftOutcome__Output> {
    return this.call('DraftResponse', this.client.draftResponse as never, {
      caseId,
      responseJson: JSON.stringify(response),
    });
  }

  discloseSpontaneous(to: string, disclosure: unknown): Promise<DraftOutcome__Output> {
    return this.call('DiscloseSpontaneous', this.client.discloseSpontaneous as never, {
      to,
      disclosureJson: JSON.stringify(disclosure),
    });
  }

  approveCase(caseId: string, comment?: string): Promise<DraftOutcome__Output> {
    return this.call('ApproveCase', this.client.approveCase as never, { caseId, comment: comment ?? '' });
  }

  rejectCase(caseId: string, comment?: string): Promise<DraftOutcome__Output> {
    return this.call('RejectCase', this.client.rejectCase as never, { caseId, comment: comment ?? '' });
  }

  /** Closes a case, with a reason code (handled, no_response, duplicate, other) or none. */
  closeCase(caseId: string, reason?: string): Promise<CloseCaseResponse__Output> {
    return this.call('CloseCase', this.client.closeCase as never, { caseId, reason: reason ?? '' });
  }

  summariseCases(): Promise<SummariseCasesResponse__Output> {
    return this.call('SummariseCases', this.client.summariseCases as never, {});
  }

  showCase(caseId: string): Promise<ShowCaseResponse__Output> {
    return this.call('ShowCase', this.client.showCase as never, { caseId });
  }

  listOutbox(filter: { state?: string; partner?: string } = {}): Promise<ListOutboxResponse__Output> {
    return this.call('ListOutbox', this.client.listOutbox as never, filter);
  }

  retryDelivery(messageId: string): Promise<OutboxActionResponse__Output> {
    return this.call('RetryDelivery', this.client.retryDelivery as never, { messageId });
  }

  cancelDelivery(messageId: string): Promise<OutboxActionResponse__Output> {
    return this.call('CancelDelivery', this.client.cancelDelivery as never, { messageId });
  }

  requestConsent(req: RequestConsentRequest): Promise<SubmitRequestResponse__Output> {
    return this.call('RequestConsent', this.client.requestConsent as never, req);
  }

  decideConsent(req: DecideConsentRequest): Promise<SubmitRequestResponse__Output> {
    return this.call('DecideConsent', this.client.decideConsent as never, req);
  }

  sendFeedback(req: SendFeedbackRequest): Promise<SubmitRequestResponse__Output> {
    return this.call('SendFeedback', this.client.sendFeedback as never, req);
  }

  exportCase(req: ExportCaseRequest): Promise<ExportCaseResponse__Output> {
    return this.call('ExportCase', this.client.exportCase as never, req);
  }

  close(): void {
    this.client.close();
  }
}
