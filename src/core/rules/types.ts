/** What the rules read about a person and what they answer. Amounts are integer fen. */
import type { CivilDate } from '../civil-date';
import type { IdKind } from '../id-number';
import type { Fen } from '../money';
import type { IdentityCode, Outcome, SubsidyCode } from '../vocabulary';
import type { Incentive } from './incentive';

export interface PersonFacts {
  id: string;
  name: string;
  idKind: IdKind;
  birthDate: CivilDate;
  identities: IdentityCode[];
  newlyRecognizedOn?: CivilDate;
  employeeInsured: boolean;
  employeeHistory?: { continuousYears: number; endedOn: CivilDate };
  school: boolean;
  migrantWorker: boolean;
  military: boolean;
  prisoner: boolean;
  leavesOn?: CivilDate;
  dischargedOn?: CivilDate;
  hukou: 'local' | 'nonlocal';
  residencePermit: boolean;
  paid: boolean;
  /** Coverage years insured in any scheme; absent: history unknown, read as continuous. */
  enrolledYears?: number[];
  /** Missing years the payer back-pays now (修复). */
  repairYears?: number[];
  /** No claim was paid last year (零报销). */
  claimFreeLastYear?: boolean;
}

/** A waiting period under the national layer: months, the day counting starts, the first day of benefits. */
export interface WaitingPeriod {
  fixedMonths: number;
  variableMonths: number;
  from: CivilDate;
  benefitsFrom: CivilDate;
}

/** A decision is always explained: one Chinese sentence and the clauses it applies. */
export interface Explained {
  reason: string;
  citations: string[];
}

export interface AppliedSubsidy {
  identity: SubsidyCode;
  amount: Fen;
  timing: 'offset' | 'rebate';
  fundedBy: string;
}

/** How the payment enters the coverage year. */
export type EntryKind = 'on_time' | 'extended' | 'newborn' | 'late_entry' | 'late';

export interface PayQuote extends Explained {
  id: string;
  outcome: 'pay';
  standard: Fen;
  subsidy: AppliedSubsidy | null;
  due: Fen;
  coverageStart: CivilDate;
  coverageEnd: CivilDate;
  entry: EntryKind;
  /** Set when benefits start later than the day after payment because of a waiting period. */
  waitingPeriodEnds: CivilDate | null;
  /** Under the national layer (from 2025); null otherwise or with no wait. */
  waitingPeriod: WaitingPeriod | null;
  /** Missing years back-paid in this payment, included in `due`. */
  repair: { years: number[]; amount: Fen } | null;
  /** Back-paying these further years would start benefits on `benefitsFrom` (offered, not chosen). */
  repairOffer: { years: number[]; amountPerYear: Fen; benefitsFrom: CivilDate } | null;
  incentive: Incentive | null;
  /** A newborn covered from birth if paid inside its window: its last day. */
  newbornPayBy?: CivilDate;
  /** On time or in an extension: the period's last day (reminders; not in the contract's JSON). */
  payBy?: CivilDate;
}

export interface OtherQuote extends Explained {
  id: string;
  outcome: Exclude<Outcome, 'pay'>;
  /** Where to go, for `counter`. */
  office?: string;
}

export type MemberQuote = PayQuote | OtherQuote;

export interface HouseholdQuote {
  policy: string;
  coverageYear: number;
  members: MemberQuote[];
  totalDue: Fen;
  /** The policy sits on the national layer (waiting periods, repair, incentives). */
  national: boolean;
  /** Set when the notice requires the whole household to pay together. */
  wholeHousehold: Explained | null;
}
