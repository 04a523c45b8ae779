/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** A GeoJSON geometry object (RFC 7946), e.g. { "type": "Polygon", "coordinates": [[[5.1, 51.5], …]] }. */
  GeoJSON: { input: unknown; output: unknown; }
  /** A GeoJSON FeatureCollection (RFC 7946), e.g. { "type": "FeatureCollection", "features": [{ "type": "Feature", "geometry": { "type": "Polygon", … }, "properties": { … } }] }. */
  GeoJSONFeatureCollection: { input: unknown; output: unknown; }
  /** A calendar date, YYYY-MM-DD. */
  LocalDate: { input: unknown; output: unknown; }
};

/** Who the caller is to the whole graph: their grants and what each covers. */
export type Access = {
  __typename?: 'Access';
  /** Set when the caller is a partner’s API client. */
  apiClientId: Maybe<Scalars['ID']['output']>;
  grants: Array<AccessGrant>;
  subject: Scalars['String']['output'];
};

/** One role the caller holds, and what it covers. */
export type AccessGrant = {
  __typename?: 'AccessGrant';
  /** The municipalities the grant covers. */
  municipalityIds: Maybe<Array<Scalars['ID']['output']>>;
  /** For an API client: all it may do. */
  permissions: Maybe<Array<PartnerPermission>>;
  /** The security regions the grant covers. */
  regionIds: Maybe<Array<Scalars['ID']['output']>>;
  role: Role;
  /** What the role is held for (a municipality, working group, service, association, volunteer or AED id); null for ADMIN. */
  scope: Maybe<Scalars['ID']['output']>;
};

export type AddWorkingGroupMemberInput = {
  name: Scalars['String']['input'];
  /** The organisation they come from (municipality, ambulance service, association…). */
  organisation: Scalars['String']['input'];
  role: WorkingGroupRole;
  /** First day; default today. */
  since?: InputMaybe<Scalars['LocalDate']['input']>;
  until?: InputMaybe<Scalars['LocalDate']['input']>;
  /** The person’s subject at the identity provider (the `sub` of their token). */
  userSubject: Scalars['String']['input'];
  /** Their volunteer record, when they also volunteer. */
  volunteerId?: InputMaybe<Scalars['ID']['input']>;
  workingGroupId: Scalars['ID']['input'];
};

/** A postal address and its position. */
export type Address = {
  __typename?: 'Address';
  city: Maybe<Scalars['String']['output']>;
  houseNumber: Maybe<Scalars['String']['output']>;
  position: GeoPoint;
  postalCode: Maybe<Scalars['String']['output']>;
  street: Maybe<Scalars['String']['output']>;
};

export type AddressInput = {
  city: Scalars['String']['input'];
  houseNumber: Scalars['String']['input'];
  position: GeoPointInput;
  postalCode: Scalars['String']['input'];
  street: Scalars['String']['input'];
};

/** An automated external defibrillator. Where it is and when it can be reached are public; its cabinet code and its owner’s and guardians’ contact details are not. */
export type Aed = {
  __typename?: 'Aed';
  /** Null when not known. */
  access: Maybe<AedAccess>;
  /** Street address. */
  address: Maybe<Scalars['String']['output']>;
  /** Whether it can be reached at `at` (default now), and until when. */
  availability: AedAvailability;
  /** When it can be reached, in OpenStreetMap `opening_hours` syntax, e.g. "Mo-Fr 08:00-18:00; PH off" or "24/7". Null when not known (then never dispatched). */
  availabilitySchedule: Maybe<Scalars['String']['output']>;
  /** Last day the battery may be used. */
  batteryExpiresOn: Maybe<Scalars['LocalDate']['output']>;
  brand: Maybe<Scalars['String']['output']>;
  /** The code of the locked cabinet; null when it is not locked. Only the AED’s own guardians (and dispatch, for the responder sent to fetch it) may read it: anyone else, ADMIN included, gets FORBIDDEN. */
  cabinetCode: Maybe<Scalars['String']['output']>;
  /** In a locked cabinet that opens with a code. */
  cabinetLocked: Scalars['Boolean']['output'];
  /** ISO 3166-1 alpha-2 country whose public holidays (PH) apply. */
  countryCode: Scalars['String']['output'];
  /** Set once it was taken out of service for good: when, by whom, why. Public. */
  decommissioned: Maybe<AedDecommission>;
  /** For imported AEDs: source and its id, e.g. "osm:node/123"; what a re-import matches on. */
  externalId: Maybe<Scalars['String']['output']>;
  /** Floor or level as written, e.g. "0", "-1", "RDC". */
  floor: Maybe<Scalars['String']['output']>;
  /** The people who look after it. Personal data: its guardians, the coordinators of its municipality and ADMIN; for anyone else null, with FORBIDDEN on this field only. */
  guardians: Maybe<Array<AedGuardian>>;
  id: Scalars['ID']['output'];
  /** Inside a building; null when not known. */
  indoor: Maybe<Scalars['Boolean']['output']>;
  /** Day of the last guardian check or maintenance. */
  lastCheckedOn: Maybe<Scalars['LocalDate']['output']>;
  location: GeoPoint;
  /** Where exactly, e.g. "left of the entrance of the sports hall" (OSM `defibrillator:location`). */
  locationDescription: Scalars['String']['output'];
  /** Set when it was accepted outside its municipality’s boundary: why, who, when. Its guardians, the coordinators of its municipality and ADMIN. */
  locationOutsideMunicipality: Maybe<PlaceOverride>;
  model: Maybe<Scalars['String']['output']>;
  municipality: Municipality;
  /** When it can be reached between `from` and `to` (at most 92 days apart), as instants; empty when no schedule is recorded. */
  openIntervals: Array<OpenInterval>;
  /** False when reported broken, in maintenance or missing. */
  operational: Scalars['Boolean']['output'];
  /** Its owner’s contact details; null when none are recorded. Personal data: its guardians, the coordinators of its municipality and ADMIN; FORBIDDEN for anyone else. */
  owner: Maybe<AedContact>;
  /** Last day the pads may be used. */
  padsExpireOn: Maybe<Scalars['LocalDate']['output']>;
  /** Whether it may be sent to a cardiac arrest at `at` (default now), and if not, why. Public. */
  readiness: AedReadiness;
  /** A reference the owner or a register gives the AED. */
  reference: Maybe<Scalars['String']['output']>;
  serialNumber: Maybe<Scalars['String']['output']>;
  /** Since when it is stood down after use at an incident, until a guardian confirms it ready; null when not. */
  stoodDownSince: Maybe<Scalars['DateTimeISO']['output']>;
  /** IANA time zone the schedule and dates are read in (its municipality’s). */
  timeZone: Scalars['String']['output'];
  /** Open hours in its local week containing `weekOf` (default now); null when no schedule is recorded. */
  weeklyOpenHours: Maybe<WeeklyOpenHours>;
};


/** An automated external defibrillator. Where it is and when it can be reached are public; its cabinet code and its owner’s and guardians’ contact details are not. */
export type AedAvailabilityArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


/** An automated external defibrillator. Where it is and when it can be reached are public; its cabinet code and its owner’s and guardians’ contact details are not. */
export type AedOpenIntervalsArgs = {
  from: Scalars['DateTimeISO']['input'];
  to: Scalars['DateTimeISO']['input'];
};


/** An automated external defibrillator. Where it is and when it can be reached are public; its cabinet code and its owner’s and guardians’ contact details are not. */
export type AedReadinessArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


/** An automated external defibrillator. Where it is and when it can be reached are public; its cabinet code and its owner’s and guardians’ contact details are not. */
export type AedWeeklyOpenHoursArgs = {
  weekOf?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** Who may use the AED. */
export type AedAccess =
  /** Only its owner: never dispatched. */
  | 'PRIVATE'
  /** Anyone, whenever its schedule says it can be reached. */
  | 'PUBLIC'
  /** Only some people or at some times, e.g. customers or at the desk; still dispatched. */
  | 'RESTRICTED';

/** An AED’s availability at one instant, read in its own time zone with its country’s public holidays. */
export type AedAvailability = {
  __typename?: 'AedAvailability';
  at: Scalars['DateTimeISO']['output'];
  /** Certainly open (UNKNOWN is not). */
  available: Scalars['Boolean']['output'];
  /** The schedule’s comment here, or the public holiday that closes it (e.g. "Koningsdag"). */
  comment: Maybe<Scalars['String']['output']>;
  /** When the state next changes (opens or closes); null when it does not within a year. */
  nextChange: Maybe<Scalars['DateTimeISO']['output']>;
  state: AvailabilityState;
};

/** What a guardian found when checking an AED. */
export type AedCheckInput = {
  /** A new battery’s expiry date. */
  batteryExpiresOn?: InputMaybe<Scalars['LocalDate']['input']>;
  /** Day of the check; default today in the AED’s time zone. */
  checkedOn?: InputMaybe<Scalars['LocalDate']['input']>;
  /** New pads’ expiry date. */
  padsExpireOn?: InputMaybe<Scalars['LocalDate']['input']>;
};

/** A page of AEDs, by location description (then id). */
export type AedConnection = {
  __typename?: 'AedConnection';
  nodes: Array<Aed>;
  pageInfo: PageInfo;
  /** All AEDs matching the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** How to reach the owner of an AED. Personal data. */
export type AedContact = {
  __typename?: 'AedContact';
  email: Maybe<Scalars['String']['output']>;
  /** Person or organisation. */
  name: Maybe<Scalars['String']['output']>;
  /** E.164 when it could be read as a phone number, else as given. */
  phone: Maybe<Scalars['String']['output']>;
};

/** Contact details; an absent or null field is not recorded. */
export type AedContactInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** Read in the country of the AED’s municipality when written without +country code. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** An AED taken out of service for good: when, by whom, why. */
export type AedDecommission = {
  __typename?: 'AedDecommission';
  at: Scalars['DateTimeISO']['output'];
  /** Subject of who decommissioned it. */
  by: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

/** Narrows a list of AEDs; every filter given must hold. */
export type AedFilter = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only those dispatch may send (true) or may not (false) at `at` (default now), by the readiness rule. */
  dispatchable?: InputMaybe<Scalars['Boolean']['input']>;
  /** Part of the location description or address, any case. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A person who looks after an AED. Personal data. */
export type AedGuardian = {
  __typename?: 'AedGuardian';
  email: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** E.164, e.g. +31612345678. */
  phone: Maybe<Scalars['String']['output']>;
};

export type AedGuardianInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** Read in the country of the AED’s municipality when written without +country code. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** A notification to the owner and guardians of an AED. */
export type AedNotification = {
  __typename?: 'AedNotification';
  aed: Aed;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  /** Reminders: the expiry date or the day the check is due. */
  dueOn: Maybe<Scalars['LocalDate']['output']>;
  id: Scalars['ID']['output'];
  /** USED_AT_INCIDENT: the incident it was fetched for. */
  incidentId: Maybe<Scalars['ID']['output']>;
  kind: AedNotificationKind;
  message: Scalars['String']['output'];
  /** Reminders: the date has passed and the AED is out of dispatch for it. */
  overdue: Scalars['Boolean']['output'];
  recipients: Array<AedNotificationRecipient>;
};

export type AedNotificationKind =
  | 'BATTERY_EXPIRY'
  | 'GUARDIAN_CHECK'
  | 'PADS_EXPIRY'
  | 'USED_AT_INCIDENT';

/** Whom a notification is meant for, as recorded when it was sent. Personal data. */
export type AedNotificationRecipient = {
  __typename?: 'AedNotificationRecipient';
  email: Maybe<Scalars['String']['output']>;
  /** OWNER or GUARDIAN. */
  kind: Scalars['String']['output'];
  name: Maybe<Scalars['String']['output']>;
  phone: Maybe<Scalars['String']['output']>;
};

/** An AED a volunteer has accepted to fetch and bring to the patient. */
export type AedOnItsWay = {
  __typename?: 'AedOnItsWay';
  aed: Aed;
  alertId: Scalars['ID']['output'];
  /** When it should reach the patient: accepted at + ETA. */
  expectedArrivalAt: Maybe<Scalars['DateTimeISO']['output']>;
  volunteer: Volunteer;
};

/** A place (a grid cell’s centre) for a new AED available around the clock, and the night coverage it adds. */
export type AedPlacementSuggestion = {
  __typename?: 'AedPlacementSuggestion';
  /** The H3 index of the cell. */
  cell: Scalars['String']['output'];
  /** Where: the cell’s centre. */
  location: GeoPoint;
  /** Night cell-hours it turns covered. */
  nightCellHoursGained: Scalars['Int']['output'];
  /** Night coverage once it and the places ranked before it have an AED. */
  nightCoveredShareAfter: Scalars['Float']['output'];
  /** Night coverage it adds (share of the night cell-hours, 0–1), given the places ranked before it. */
  nightCoveredShareGain: Scalars['Float']['output'];
  /** 1 for the best place; each is chosen with the ones before it already hanging. */
  rank: Scalars['Int']['output'];
};

/** Where new AEDs would add the most six-minute coverage at night (23:00–07:00), best first. */
export type AedPlacementSuggestions = {
  __typename?: 'AedPlacementSuggestions';
  computeMilliseconds: Scalars['Int']['output'];
  computedAt: Scalars['DateTimeISO']['output'];
  minimumVolunteers: Scalars['Int']['output'];
  /** Night coverage now, before any of the suggested AEDs. */
  nightCoveredShare: Scalars['Float']['output'];
  resolution: Scalars['Int']['output'];
  /** Computed from inputs that have changed since; a new computation is under way. */
  stale: Scalars['Boolean']['output'];
  /** Best first; fewer than asked when nowhere else would a new AED add anything at night. */
  suggestions: Array<AedPlacementSuggestion>;
  weekStartsOn: Scalars['LocalDate']['output'];
};

/** Whether an AED may be sent to a cardiac arrest at an instant, and if not, why. */
export type AedReadiness = {
  __typename?: 'AedReadiness';
  at: Scalars['DateTimeISO']['output'];
  dispatchable: Scalars['Boolean']['output'];
  /** Empty when dispatchable. */
  reasons: Array<NotReadyReason>;
};

/** Something a guardian must do for an AED by a date. */
export type AedReminder = {
  __typename?: 'AedReminder';
  aed: Aed;
  /** Days from today in the AED’s zone: 0 is today, negative is late. */
  daysLeft: Maybe<Scalars['Int']['output']>;
  /** Last day the part may be used, or day the check is due; null for an AED never checked. */
  dueOn: Maybe<Scalars['LocalDate']['output']>;
  kind: AedReminderKind;
  /** The date has passed: the AED is out of dispatch for this reason. */
  overdue: Scalars['Boolean']['output'];
};

export type AedReminderKind =
  | 'BATTERY_EXPIRY'
  | 'GUARDIAN_CHECK'
  | 'PADS_EXPIRY';

export type AftercareAnswer = {
  __typename?: 'AftercareAnswer';
  comment: Maybe<Scalars['String']['output']>;
  questionnaire: Maybe<QuestionnaireAnswer>;
  wantsToTalk: Maybe<Scalars['Boolean']['output']>;
  wellbeing: Maybe<Wellbeing>;
};

/** An answer to a follow-up; which fields are needed depends on its kind (see FollowUpKind). */
export type AftercareAnswerInput = {
  comment?: InputMaybe<Scalars['String']['input']>;
  questionnaire?: InputMaybe<QuestionnaireAnswerInput>;
  /** True: I would like to talk to someone from the aftercare team. */
  wantsToTalk?: InputMaybe<Scalars['Boolean']['input']>;
  wellbeing?: InputMaybe<Wellbeing>;
};

/** A request to the aftercare contacts of the volunteer’s municipality to reach out to a volunteer after an incident. */
export type AftercareEscalation = {
  __typename?: 'AftercareEscalation';
  at: Scalars['DateTimeISO']['output'];
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  followUp: AftercareFollowUp;
  id: Scalars['ID']['output'];
  municipality: Municipality;
  reason: EscalationReason;
  volunteer: Volunteer;
};

/** A follow-up after an incident the volunteer went to. Seen by the volunteer, and by their aftercare contacts when escalated. */
export type AftercareFollowUp = {
  __typename?: 'AftercareFollowUp';
  /** The alert the volunteer answered. */
  alertId: Scalars['ID']['output'];
  answer: Maybe<AftercareAnswer>;
  answeredAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  deliveredAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  kind: FollowUpKind;
  /** What the follow-up asks. */
  prompt: Scalars['String']['output'];
  volunteer: Volunteer;
};

/** The aftercare settings a region changes; those left out keep their defaults. */
export type AftercarePolicyInput = {
  checkInDelaySeconds?: InputMaybe<Scalars['Int']['input']>;
  debriefingOfferDelaySeconds?: InputMaybe<Scalars['Int']['input']>;
  distressStressLevel?: InputMaybe<Scalars['Int']['input']>;
  escalateUnansweredAfterSeconds?: InputMaybe<Scalars['Int']['input']>;
  questionnaireDelaySeconds?: InputMaybe<Scalars['Int']['input']>;
};

/** When volunteers who went hear from the aftercare team. */
export type AftercarePolicySettings = {
  __typename?: 'AftercarePolicySettings';
  /** Seconds after the incident ends until the check-in. */
  checkInDelaySeconds: Scalars['Int']['output'];
  /** Seconds after the incident ends until the offer of a debriefing talk. */
  debriefingOfferDelaySeconds: Scalars['Int']['output'];
  /** A questionnaire stress level (1–5) at or above this escalates at once. */
  distressStressLevel: Scalars['Int']['output'];
  /** Seconds a follow-up may stay unanswered before the aftercare contacts are asked to step in. */
  escalateUnansweredAfterSeconds: Scalars['Int']['output'];
  /** Seconds after the incident ends until the questionnaire. */
  questionnaireDelaySeconds: Scalars['Int']['output'];
};

/** An alert to one volunteer. Seen by the volunteer, the dispatchers of its incident and ADMIN; the patient’s address and position, the route and the cabinet code only by the alerted volunteer. */
export type Alert = {
  __typename?: 'Alert';
  acceptedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** The AED to fetch (FETCH_AED), with its location; the rest from the AEDs service. */
  aed: Maybe<Aed>;
  /** The code of the AED’s locked cabinet. Only the volunteer sent to fetch that AED, and only while the incident is open. */
  cabinetCode: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** How the alert reached the volunteer’s phone: pushed, confirmed by the app, SMS sent or delivered, or failed. */
  delivery: AlertDelivery;
  /** Length of the route in metres (straight lines, via the AED for FETCH_AED). */
  distanceMeters: Maybe<Scalars['Int']['output']>;
  /** Estimated seconds from leaving to reaching the patient. */
  etaSeconds: Maybe<Scalars['Int']['output']>;
  /** When an accepting volunteer should reach the patient: accepted at + ETA. */
  expectedArrivalAt: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  kind: AlertKind;
  /** What the volunteer is asked to do, in words. The alerted volunteer only. */
  message: Maybe<Scalars['String']['output']>;
  onSceneAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Where the patient is. The alerted volunteer only. */
  patientAddress: Maybe<Scalars['String']['output']>;
  /** The patient’s position. The alerted volunteer only. */
  patientLocation: Maybe<GeoPoint>;
  /** Which of the volunteer’s positions put them near. The alerted volunteer only. */
  positionKind: Maybe<PositionKind>;
  /** 1 for the volunteer nearest to the patient, 2 for the next, … */
  rank: Maybe<Scalars['Int']['output']>;
  respondedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** The legs to walk: to the patient, or to the AED and then to the patient. The alerted volunteer only. */
  route: Maybe<Array<RouteLeg>>;
  standDownReason: Maybe<StandDownReason>;
  status: AlertStatus;
  /** CPR or FETCH_AED; null for a test alert. */
  task: Maybe<AlertTask>;
  volunteer: Volunteer;
};

/** How an alert reached (or did not reach) the volunteer’s phone. */
export type AlertDelivery = {
  __typename?: 'AlertDelivery';
  /** When the app confirmed it has the alert. */
  acknowledgedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Devices the push could not reach (dead token or failure). */
  devicesFailed: Scalars['Int']['output'];
  /** Devices whose push service accepted the push. */
  devicesPushed: Scalars['Int']['output'];
  /** What failed, e.g. a push service’s answer or the SMS network’s report. */
  reason: Maybe<Scalars['String']['output']>;
  smsDeliveredAt: Maybe<Scalars['DateTimeISO']['output']>;
  smsSentAt: Maybe<Scalars['DateTimeISO']['output']>;
  state: DeliveryState;
};

/** How the volunteer wants to be alerted. */
export type AlertDeliverySettings = {
  __typename?: 'AlertDeliverySettings';
  devices: Array<Device>;
  /** Alerts go by SMS at once as well as to the app, rather than only when the app does not confirm in time. */
  smsAlways: Scalars['Boolean']['output'];
};

/** Why an alert was sent. */
export type AlertKind =
  | 'INCIDENT'
  | 'TEST';

export type AlertResponse =
  /** I am on my way (with the AED, for FETCH_AED). */
  | 'ACCEPT'
  /** I cannot go. */
  | 'DECLINE'
  /** I am with the patient. */
  | 'ON_SCENE';

/** Where an alert stands. */
export type AlertStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'ON_SCENE'
  | 'PENDING'
  | 'STOOD_DOWN';

/** What an alerted volunteer is asked to do. */
export type AlertTask =
  /** Go straight to the patient and start CPR. */
  | 'CPR'
  /** Fetch the AED named in the alert, then go to the patient. */
  | 'FETCH_AED';

/** One frame of a volunteer’s alert feed: what happened, and the alert as it is now. */
export type AlertUpdate = {
  __typename?: 'AlertUpdate';
  alert: Alert;
  at: Scalars['DateTimeISO']['output'];
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  kind: AlertUpdateKind;
};

/** What a frame of an alert feed tells. */
export type AlertUpdateKind =
  | 'ALERTED'
  | 'INCIDENT_CLOSED'
  | 'RESPONSE_RECORDED'
  | 'STOOD_DOWN';

/** Whether a volunteer may be alerted at an instant, and if not, why. */
export type Alertability = {
  __typename?: 'Alertability';
  alertable: Scalars['Boolean']['output'];
  at: Scalars['DateTimeISO']['output'];
  /** Empty exactly when alertable. */
  reasons: Array<NotAlertableReason>;
};

/** A regional ambulance service with its dispatch centre. Its dispatchers report incidents in the regions it serves. */
export type AmbulanceService = {
  __typename?: 'AmbulanceService';
  code: Scalars['String']['output'];
  /** The dispatch centre (meldkamer) that takes the 112 calls. */
  dispatchCentre: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The regions it serves, by name. */
  regions: Array<SecurityRegion>;
};

/** A partner app’s credential. Its secret is shown once, when created or rotated, and stored only as a hash. */
export type ApiClient = {
  __typename?: 'ApiClient';
  createdAt: Scalars['DateTimeISO']['output'];
  /** Subject of who created it. */
  createdBy: Scalars['String']['output'];
  /** The client id: the part of the credential before the dot. */
  id: Scalars['ID']['output'];
  /** Last time the gateway checked its credential (about once per 30 s of use). */
  lastUsedAt: Maybe<Scalars['DateTimeISO']['output']>;
  name: Scalars['String']['output'];
  partnerAssociation: PartnerAssociation;
  permissions: Array<PartnerPermission>;
  revokedAt: Maybe<Scalars['DateTimeISO']['output']>;
  secretRotatedAt: Scalars['DateTimeISO']['output'];
};

/** A new credential. Keep it now: it is never shown again. */
export type ApiClientCredential = {
  __typename?: 'ApiClientCredential';
  apiClient: ApiClient;
  /** Send it as `Authorization: Bearer <credential>` (the form `<clientId>.<secret>`). */
  credential: Scalars['String']['output'];
};

/** The volunteer’s own switches: an absent field stays as it is; null quietHours clears them. */
export type AvailabilityInput = {
  onDuty?: InputMaybe<Scalars['Boolean']['input']>;
  quietHours?: InputMaybe<QuietHoursInput>;
};

export type AvailabilityState =
  /** The schedule says it cannot be reached. */
  | 'CLOSED'
  /** The schedule says it can be reached. */
  | 'OPEN'
  /** No schedule, or the schedule says "unknown" (e.g. ask at reception): not dispatched. */
  | 'UNKNOWN';

/** A certificate to verify, with its volunteer. */
export type CertificateAwaitingVerification = {
  __typename?: 'CertificateAwaitingVerification';
  certificate: TrainingCertificate;
  volunteer: Volunteer;
};

/** A page of certificates awaiting verification, oldest recorded first. */
export type CertificateAwaitingVerificationConnection = {
  __typename?: 'CertificateAwaitingVerificationConnection';
  nodes: Array<CertificateAwaitingVerification>;
  pageInfo: PageInfo;
  /** All certificates awaiting verification there, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** How many of today’s alertable volunteers (18+, active, valid verified certificate) become non-alertable by the end of the horizon unless they renew. */
export type CertificateLapseForecast = {
  __typename?: 'CertificateLapseForecast';
  /** Volunteers whose certificate lapses (grace period included) on or before `through`. Public (a count). */
  count: Scalars['Int']['output'];
  /** The horizon in months from today. */
  months: Scalars['Int']['output'];
  /** Last day of the horizon. */
  through: Scalars['LocalDate']['output'];
  /** Who lapses, soonest first: for the coordinators of their municipality only; for anyone else null, with FORBIDDEN on this field only. */
  volunteers: Maybe<Array<Volunteer>>;
};

/** A volunteer whose certificate expires within two months (or has expired): time for a refresher course. */
export type CertificateRenewal = {
  __typename?: 'CertificateRenewal';
  /** Their certificate that runs longest. */
  certificate: TrainingCertificate;
  expired: Scalars['Boolean']['output'];
  /** Two months before validUntil: from when the reminder is due. */
  remindFrom: Scalars['LocalDate']['output'];
  validUntil: Scalars['LocalDate']['output'];
  volunteer: Volunteer;
};

/** CPR; CPR_AED (CPR with an AED, e.g. NRR Reanimatie/AED); BLS (basic life support); PROFESSIONAL (a healthcare professional’s qualification). */
export type CertificateType =
  | 'BLS'
  | 'CPR'
  | 'CPR_AED'
  | 'PROFESSIONAL';

/** A consent given or withdrawn, and when. */
export type Consent = {
  __typename?: 'Consent';
  at: Scalars['DateTimeISO']['output'];
  /** True when given, false when withdrawn. */
  given: Scalars['Boolean']['output'];
  kind: ConsentKind;
};

export type ConsentInput = {
  /** When it was given (on paper or in the app); default now. Not in the future. */
  givenAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  kind: ConsentKind;
};

/** PERSONAL_DATA: processing of personal data to alert the volunteer (required to register). LOCATION_SHARING: being alerted at the phone’s last reported position. */
export type ConsentKind =
  | 'LOCATION_SHARING'
  | 'PERSONAL_DATA';

/** A hexagonal grid cell (H3) of the municipality across the week. Counts only. */
export type CoverageCell = {
  __typename?: 'CoverageCell';
  /** Hours in which an AED would be brought within six minutes (b). */
  aedCoveredHours: Scalars['Int']['output'];
  /** The H3 index of the cell. */
  cell: Scalars['String']['output'];
  /** Its centre: where the patient of the computation was. */
  centre: GeoPoint;
  /** The covered hours: 42 hexadecimal digits, the first pair hours 0–7 (lowest bit hour 0). */
  coveredHourMask: Scalars['String']['output'];
  /** Hours of the week (of 168) in which it is covered. */
  coveredHours: Scalars['Int']['output'];
  /** Day hours (of 112, 07:00–23:00) in which it is covered. */
  dayCoveredHours: Scalars['Int']['output'];
  /** Night hours (of 56, 23:00–07:00) in which it is covered. */
  nightCoveredHours: Scalars['Int']['output'];
  /** Its share of the population (spread evenly); null when not known. */
  population: Maybe<Scalars['Float']['output']>;
  /** Hours with at least N alerted volunteers within six minutes (a). */
  volunteerCoveredHours: Scalars['Int']['output'];
};

/** One hour of the week across the municipality: shares of its grid cells covered. */
export type CoverageHour = {
  __typename?: 'CoverageHour';
  /** Share of cells where an AED would be brought within six minutes (b). */
  aedCoveredShare: Scalars['Float']['output'];
  /** Cells covered: enough volunteers and an AED within six minutes. */
  coveredCells: Scalars['Int']['output'];
  /** Share of cells covered, 0–1. */
  coveredShare: Scalars['Float']['output'];
  /** 0–167: hour 0 starts Monday 00:00 on the municipality’s clock. */
  hourOfWeek: Scalars['Int']['output'];
  /** Whether it is a night hour (23:00–07:00). */
  night: Scalars['Boolean']['output'];
  /** Share of the population covered (population spread evenly over the cells); null when the population is not known. */
  populationCoveredShare: Maybe<Scalars['Float']['output']>;
  /** When this hour starts in the week computed. */
  startsAt: Scalars['DateTimeISO']['output'];
  /** Share of cells with at least N alerted volunteers within six minutes (a). */
  volunteerCoveredShare: Scalars['Float']['output'];
};

export type CreateAmbulanceServiceInput = {
  /** Unique; 2–16 letters, digits or dashes. */
  code: Scalars['String']['input'];
  dispatchCentre: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** The security regions it serves (at least one). */
  regionIds: Array<Scalars['ID']['input']>;
};

export type CreateApiClientInput = {
  /** What it is for, e.g. the app’s name. */
  name: Scalars['String']['input'];
  partnerAssociationId: Scalars['ID']['input'];
  /** At least one. */
  permissions: Array<PartnerPermission>;
};

export type CreateMunicipalityInput = {
  /** GeoJSON Polygon or MultiPolygon in WGS 84 ([longitude, latitude]); rings closed, not self-intersecting, holes inside their shell. */
  boundary?: InputMaybe<Scalars['GeoJSON']['input']>;
  code: Scalars['String']['input'];
  /** ISO 3166-1 alpha-2, officially assigned (GB, not UK). */
  countryCode?: Scalars['String']['input'];
  name: Scalars['String']['input'];
  population?: InputMaybe<Scalars['Int']['input']>;
  /** The security region it belongs to. */
  regionId?: InputMaybe<Scalars['ID']['input']>;
  timeZone?: Scalars['String']['input'];
};

export type CreatePartnerAssociationInput = {
  /** Unique, whatever the case. */
  name: Scalars['String']['input'];
};

export type CreatePlanTaskInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  dueDate: Scalars['LocalDate']['input'];
  /** Default: the responsible member’s organisation. */
  organisation?: InputMaybe<Scalars['String']['input']>;
  /** A current member of the same working group. */
  responsibleMemberId: Scalars['ID']['input'];
  title: Scalars['String']['input'];
  workingGroupId: Scalars['ID']['input'];
};

export type CreateSecurityRegionInput = {
  /** Unique; 2–16 letters, digits or dashes. */
  code: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type CreateWorkingGroupInput = {
  /** At least one; a municipality has at most one working group. */
  municipalityIds: Array<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
};

/** The phone’s last reported position; only the latest is kept, and for 72 hours. */
export type CurrentPosition = {
  __typename?: 'CurrentPosition';
  position: GeoPoint;
  reportedAt: Scalars['DateTimeISO']['output'];
};

/** How far an alert got to the volunteer’s phone. */
export type DeliveryState =
  /** The volunteer’s app confirmed it has the alert. */
  | 'DELIVERED_TO_APP'
  /** Nothing got through and nothing more will be tried; see the reason. */
  | 'FAILED'
  /** A push service accepted the push for at least one of the volunteer’s devices. */
  | 'PUSHED'
  /** Nothing has gone out yet, or it is being retried. */
  | 'QUEUED'
  /** The SMS reached the phone, as the network reported. */
  | 'SMS_DELIVERED'
  /** The SMS went out (the app did not confirm in time, the volunteer has no app, or chose SMS always). */
  | 'SMS_SENT';

/** A device of the volunteer’s app that alerts are pushed to. Only the volunteer sees it; its push token is never shown. */
export type Device = {
  __typename?: 'Device';
  appVersion: Scalars['String']['output'];
  criticalAlerts: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  language: Scalars['String']['output'];
  platform: DevicePlatform;
  registeredAt: Scalars['DateTimeISO']['output'];
  /** When the app last registered it. */
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** The kind of app a device runs, which decides the push service that reaches it. */
export type DevicePlatform =
  /** The Android app, reached through Firebase Cloud Messaging. */
  | 'ANDROID'
  /** The iPhone app, reached through Apple Push Notification service. */
  | 'IOS'
  /** A web app, reached through the browser’s Web Push service. */
  | 'WEB';

/** The settings a region changes; those left out keep their defaults. */
export type DispatchPolicyInput = {
  aedDetourTolerance?: InputMaybe<Scalars['Float']['input']>;
  aedSearchRadiusMeters?: InputMaybe<Scalars['Float']['input']>;
  aedShare?: InputMaybe<Scalars['Float']['input']>;
  alertNextOnDecline?: InputMaybe<Scalars['Boolean']['input']>;
  busyPendingSeconds?: InputMaybe<Scalars['Int']['input']>;
  detourFactor?: InputMaybe<Scalars['Float']['input']>;
  enoughAcceptances?: InputMaybe<Scalars['Int']['input']>;
  maxAlerted?: InputMaybe<Scalars['Int']['input']>;
  maxFetchersPerAed?: InputMaybe<Scalars['Int']['input']>;
  radiusMeters?: InputMaybe<Scalars['Float']['input']>;
  smsFallbackSeconds?: InputMaybe<Scalars['Int']['input']>;
  speedMetersPerSecond?: InputMaybe<Scalars['Float']['input']>;
};

/** How a region alerts volunteers (see dispatch-policy.ts for each rule). */
export type DispatchPolicySettings = {
  __typename?: 'DispatchPolicySettings';
  /** How much longer the route via an AED may be than going straight (0.05: 5%). */
  aedDetourTolerance: Scalars['Float']['output'];
  /** Only AEDs within this distance of the patient are fetched, in metres. */
  aedSearchRadiusMeters: Scalars['Float']['output'];
  /** Share of alerted volunteers sent via an AED (a fraction, e.g. 0.667). */
  aedShare: Scalars['Float']['output'];
  /** Whether a decline alerts the next nearest volunteer. */
  alertNextOnDecline: Scalars['Boolean']['output'];
  /** Seconds an unanswered alert for another open incident keeps a volunteer from being alerted again (one who accepted there never is); 0: only an acceptance does. */
  busyPendingSeconds: Scalars['Int']['output'];
  /** Real route length ÷ straight-line distance, for ETAs. */
  detourFactor: Scalars['Float']['output'];
  /** Once this many accepted, the rest are stood down. */
  enoughAcceptances: Scalars['Int']['output'];
  /** At most this many volunteers are alerted, nearest first. */
  maxAlerted: Scalars['Int']['output'];
  /** Volunteers sent to the same AED. */
  maxFetchersPerAed: Scalars['Int']['output'];
  /** Volunteers are alerted within this straight-line distance of the patient, in metres. */
  radiusMeters: Scalars['Float']['output'];
  /** Seconds an alert pushed to the app waits for the app’s confirmation before the SMS goes out too. */
  smsFallbackSeconds: Scalars['Int']['output'];
  /** Assumed speed of a volunteer in m/s, for ETAs. */
  speedMetersPerSecond: Scalars['Float']['output'];
};

/** One version of a security region’s dispatch and aftercare policy. Version 0 is the defaults; every incident records its version. */
export type DispatchPolicyVersion = {
  __typename?: 'DispatchPolicyVersion';
  aftercare: AftercarePolicySettings;
  /** The names of the settings this version changed from the defaults. */
  changedSettings: Array<Scalars['String']['output']>;
  /** All settings in force, the defaults included. */
  dispatch: DispatchPolicySettings;
  securityRegion: SecurityRegion;
  /** When this version was set (null for the defaults). */
  setAt: Maybe<Scalars['DateTimeISO']['output']>;
  version: Scalars['Int']['output'];
};

/** An AED dispatch may send a responder to fetch, for the incidents subgraph only. */
export type DispatchableAed = {
  __typename?: 'DispatchableAed';
  /** Street address, as a person would look for it (the fetcher’s text names it); null when the register has none. */
  address: Maybe<Scalars['String']['output']>;
  aedId: Scalars['ID']['output'];
  /** For the one responder dispatched to fetch it; null when the cabinet is not locked. */
  cabinetCode: Maybe<Scalars['String']['output']>;
  /** Straight-line (great-circle) distance from the searched point. */
  distanceMeters: Scalars['Float']['output'];
  latitude: Scalars['Float']['output'];
  locationDescription: Scalars['String']['output'];
  longitude: Scalars['Float']['output'];
};

export type EscalationReason =
  /** The volunteer asked to talk to someone. */
  | 'DEBRIEFING_REQUESTED'
  /** The answer says the volunteer is struggling. */
  | 'DISTRESS'
  /** A follow-up stayed unanswered past the policy’s time. */
  | 'UNANSWERED';

export type FollowUpKind =
  /** How are you? Do you want to talk to someone? (answer: wellbeing, wantsToTalk) */
  | 'CHECK_IN'
  /** The offer of a debriefing talk. (answer: wantsToTalk) */
  | 'DEBRIEFING_OFFER'
  /** A few questions about what happened. (answer: questionnaire) */
  | 'QUESTIONNAIRE';

/** A WGS 84 position in decimal degrees. */
export type GeoPoint = {
  __typename?: 'GeoPoint';
  latitude: Scalars['Float']['output'];
  longitude: Scalars['Float']['output'];
};

export type GeoPointInput = {
  latitude: Scalars['Float']['input'];
  longitude: Scalars['Float']['input'];
};

/** A count for one hour of the local week: hour 0 starts Monday 00:00, hour 167 Sunday 23:00. */
export type HourOfWeekCount = {
  __typename?: 'HourOfWeekCount';
  count: Scalars['Int']['output'];
  /** 0–167: day (0 = Monday) × 24 + hour of the day, on the local clock. */
  hourOfWeek: Scalars['Int']['output'];
};

/** One field of a rejected row, as read. */
export type ImportField = {
  __typename?: 'ImportField';
  column: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ImportVolunteersInput = {
  /** The list as CSV (UTF-8; `,` or `;`; header line with name, phone, date_of_birth, home_lat, home_lon, certificate_type, course_date and optionally email, home_street, home_house_number, home_postal_code, home_city, certificate_valid_until, certificate_verified). Up to 2 MB; larger lists with `npm run import:volunteers`. */
  csv: Scalars['String']['input'];
  /** Report what would happen and write nothing. */
  dryRun?: Scalars['Boolean']['input'];
  /** The municipality the volunteers join. */
  municipalityId: Scalars['ID']['input'];
  /** The association whose list it is: every imported volunteer becomes its member. */
  partnerAssociationId: Scalars['ID']['input'];
};

/** A row of the list that became a new volunteer. */
export type ImportedVolunteerRow = {
  __typename?: 'ImportedVolunteerRow';
  /** Line in the file (the header is line 1). */
  line: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** Null in a dry run. */
  volunteer: Maybe<Volunteer>;
  /** What the working group should know (an expired or unverified certificate, a verification it could not take). */
  warnings: Array<Scalars['String']['output']>;
};

/** A suspected cardiac arrest reported by a dispatch centre. Seen by the dispatchers of the reporting ambulance service and ADMIN. */
export type Incident = {
  __typename?: 'Incident';
  address: Scalars['String']['output'];
  /** The AEDs on their way: fetched by a volunteer who accepted and has not yet arrived. */
  aedsOnTheirWay: Array<AedOnItsWay>;
  /** Every volunteer alerted, nearest first, with task, status and ETA. */
  alerts: Array<Alert>;
  ambulanceArrivedAt: Maybe<Scalars['DateTimeISO']['output']>;
  ambulanceService: AmbulanceService;
  callReceivedAt: Scalars['DateTimeISO']['output'];
  cancelReason: Maybe<Scalars['String']['output']>;
  cancelledAt: Maybe<Scalars['DateTimeISO']['output']>;
  closedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** How the alerts reached the phones, now: how many rang, were confirmed in the app, went by SMS, could not be reached. */
  delivery: IncidentDeliverySummary;
  dispatchReference: Scalars['String']['output'];
  /** When volunteers were selected and alerted. */
  dispatchedAt: Maybe<Scalars['DateTimeISO']['output']>;
  exclusions: Array<IncidentExclusion>;
  id: Scalars['ID']['output'];
  location: GeoPoint;
  municipality: Municipality;
  outcome: Maybe<IncidentOutcome>;
  /** Version of the region’s dispatch policy the incident was dispatched under (0: the defaults). */
  policyVersion: Scalars['Int']['output'];
  reportedAt: Scalars['DateTimeISO']['output'];
  /** Who is coming: the volunteers who accepted or are on scene, with task and expected arrival. */
  responders: Array<Alert>;
  securityRegion: SecurityRegion;
  status: IncidentStatus;
  /** Everything that happened, in order; with `delivery: true` also the DELIVERY news of how the alerts reached the phones. */
  timeline: Array<IncidentEvent>;
};


/** A suspected cardiac arrest reported by a dispatch centre. Seen by the dispatchers of the reporting ambulance service and ADMIN. */
export type IncidentTimelineArgs = {
  delivery?: Scalars['Boolean']['input'];
};

/** How an incident’s alerts reached the phones: alerts per delivery state. */
export type IncidentDeliverySummary = {
  __typename?: 'IncidentDeliverySummary';
  deliveredToApp: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  pushed: Scalars['Int']['output'];
  queued: Scalars['Int']['output'];
  smsDelivered: Scalars['Int']['output'];
  smsSent: Scalars['Int']['output'];
  /** In words, e.g. "3 phones rang, 1 not reachable". */
  text: Scalars['String']['output'];
};

/** One entry of an incident’s timeline, also one frame of the dispatcher’s subscription, with the incident as it is now. */
export type IncidentEvent = {
  __typename?: 'IncidentEvent';
  aed: Maybe<Aed>;
  /** The alert concerned, as it is now. */
  alert: Maybe<Alert>;
  at: Scalars['DateTimeISO']['output'];
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  /** The exclusions, the outcome, the cancel reason, the stand-down reason. */
  detail: Maybe<Scalars['String']['output']>;
  /** The incident as it is now. */
  incident: Incident;
  kind: IncidentEventKind;
  volunteer: Maybe<Volunteer>;
};

/** What happened in an incident’s timeline. */
export type IncidentEventKind =
  | 'ACCEPTED'
  | 'AED_STOOD_DOWN'
  | 'ALERTED'
  | 'AMBULANCE_ARRIVED'
  | 'CANCELLED'
  | 'CLOSED'
  | 'DECLINED'
  | 'DELIVERY'
  | 'DISPATCH_DELAYED'
  | 'EXCLUDED'
  | 'NOBODY_AVAILABLE'
  | 'ON_SCENE'
  | 'REPORTED'
  | 'STOOD_DOWN';

/** Why volunteers must not be sent: nobody is alerted, and the reason is recorded. */
export type IncidentExclusion =
  /** A care facility with its own trained staff. */
  | 'CARE_FACILITY'
  /** The patient is a child under 8. */
  | 'CHILD_UNDER_8'
  /** Trauma (an accident, violence). */
  | 'TRAUMA'
  /** The scene is unsafe for a volunteer. */
  | 'UNSAFE_SCENE';

export type IncidentOutcome =
  /** Died at the scene. */
  | 'DECEASED'
  /** It was not a cardiac arrest. */
  | 'NOT_CARDIAC_ARREST'
  /** Circulation returned. */
  | 'ROSC'
  /** Taken to hospital under continued resuscitation. */
  | 'TRANSPORTED'
  | 'UNKNOWN';

export type IncidentStatus =
  | 'CANCELLED'
  | 'CLOSED'
  | 'OPEN';

/** The municipality and security region a point lies in. For the incidents subgraph. */
export type Location = {
  __typename?: 'Location';
  countryCode: Scalars['String']['output'];
  municipalityId: Scalars['ID']['output'];
  securityRegionId: Scalars['ID']['output'];
  timeZone: Scalars['String']['output'];
};

/** An alert to a member of a partner association, for the partner’s app to forward as a push notification. Carries no address, phone number or position of anyone: the volunteer opens the alert itself in their own app. */
export type MemberAlert = {
  __typename?: 'MemberAlert';
  createdAt: Scalars['DateTimeISO']['output'];
  /** The alert’s id: the volunteer reads the alert with `alert(id:)`. */
  id: Scalars['ID']['output'];
  kind: AlertKind;
  standDownReason: Maybe<StandDownReason>;
  status: AlertStatus;
  task: Maybe<AlertTask>;
  volunteer: Volunteer;
};

/** One frame of a partner association’s feed of its members’ alerts. */
export type MemberAlertUpdate = {
  __typename?: 'MemberAlertUpdate';
  alert: MemberAlert;
  at: Scalars['DateTimeISO']['output'];
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  kind: AlertUpdateKind;
};

/** Narrows a partner association’s members. */
export type MemberFilter = {
  /** Part of the name (any case). */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A row of the list that is the same person as an existing volunteer. */
export type MergedVolunteerRow = {
  __typename?: 'MergedVolunteerRow';
  /** Whether the row’s certificate was new for the volunteer. */
  certificateAdded: Scalars['Boolean']['output'];
  line: Scalars['Int']['output'];
  /** The columns that matched: phone and date_of_birth, or email, date_of_birth and name (or more). */
  matchedBy: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  volunteer: Volunteer;
  warnings: Array<Scalars['String']['output']>;
};

/** A municipality taking part in the programme. */
export type Municipality = {
  __typename?: 'Municipality';
  /** Registered AEDs in this municipality. */
  aedCount: Scalars['Int']['output'];
  /** The `count` places (grid cells, default 5, at most 25) where a new AED available around the clock would add the most six-minute coverage at night, chosen one after the other. `weekOf`: any day of the week (default this week, on the municipality’s clock); `resolution`: H3 cell resolution, 7 (cells of about 5 km²) to 10 (about 0.015 km²), default 9 (about 0.1 km²); `minimumVolunteers`: N (default the region’s enoughAcceptances). Kept and recomputed like sixMinuteCoverage. Its coordinators and ADMIN. */
  aedPlacementSuggestions: AedPlacementSuggestions;
  /** Its AEDs, by location description. */
  aeds: Array<Aed>;
  /** Its AEDs a page at a time, by location description, filtered. Public. */
  aedsConnection: AedConnection;
  /** Volunteers alertable at `at` (default now) by the eligibility rule, wherever they are. Public: a count. */
  alertableVolunteerCount: Scalars['Int']['output'];
  /** Volunteers alertable in each of the 168 hours of the week of `weekOf` (default: this week), by the eligibility rule at the start of each hour, wherever they are. Public: counts, at most a minute old. */
  alertableVolunteerCountsByHour: Array<HourOfWeekCount>;
  /** GeoJSON Polygon or MultiPolygon in WGS 84 ([longitude, latitude]); rings closed, not self-intersecting, holes inside their shell. */
  boundary: Maybe<Scalars['GeoJSON']['output']>;
  /** How many of today’s alertable volunteers become non-alertable within each horizon (default 1, 3, 6 and 12 months) unless they renew. Counts public; the volunteers behind them for coordinators. */
  certificateLapseForecast: Array<CertificateLapseForecast>;
  /** Volunteers whose certificate expires within two months of `at` (default now) or has expired, soonest first. Its coordinators only; for anyone else null, with FORBIDDEN on this field only. */
  certificateRenewalsDue: Maybe<Array<CertificateRenewal>>;
  /** Certificates of its volunteers awaiting verification, oldest recorded first: administrative support’s work list (verifyTrainingCertificate). Its coordinators only; for anyone else null, with FORBIDDEN on this field only. */
  certificatesAwaitingVerification: Maybe<CertificateAwaitingVerificationConnection>;
  /** Official municipality code, e.g. GM0363. */
  code: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code, used for public holidays. */
  countryCode: Scalars['String']['output'];
  /** Its AEDs that may be sent to a cardiac arrest at `at` (default now). */
  dispatchableAedCount: Scalars['Int']['output'];
  /** Its AEDs dispatchable in each of the 168 hours of the week of `weekOf` (default: this week), by the readiness rule (schedule included) at the start of each hour. Public: counts, at most a minute old. */
  dispatchableAedCountsByHour: Array<HourOfWeekCount>;
  /** How far in metres the position lies outside its boundary: 0 inside or on it; null when no boundary is registered. Public (boundaries are). The volunteers and AEDs subgraphs check addresses with it. */
  distanceOutside: Maybe<Scalars['Float']['output']>;
  /** distanceOutside for many positions at once, in their order (at most 1000): how the volunteers subgraph checks an imported list in one call. Null when no boundary is registered. Public (boundaries are). */
  distancesOutside: Maybe<Array<Scalars['Float']['output']>>;
  /** Volunteer accounts deleted by their volunteers: an anonymous statistic. Public. */
  formerVolunteerCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Partner associations that joined it, by name. */
  partnerAssociations: Array<PartnerAssociation>;
  population: Maybe<Scalars['Int']['output']>;
  region: Maybe<SecurityRegion>;
  /** Six-minute coverage for each hour of a week over a hexagonal grid. `weekOf`: any day of the week (default this week, on the municipality’s clock); `resolution`: H3 cell resolution, 7 (cells of about 5 km²) to 10 (about 0.015 km²), default 9 (about 0.1 km²); `minimumVolunteers`: N (default the region’s enoughAcceptances). Computed off the request path and kept; when volunteers, AEDs, schedules or the policy have changed since, the kept result is returned with stale: true while it is recomputed (fresh: true waits for the new one). Its coordinators and ADMIN. */
  sixMinuteCoverage: SixMinuteCoverage;
  /** IANA time zone, used for local time. */
  timeZone: Scalars['String']['output'];
  /** Its AEDs that are dispatchable now and whose schedule is open around the clock for the coming year. */
  twentyFourSevenAedCount: Scalars['Int']['output'];
  /** twentyFourSevenAedCount as a share of all its AEDs, 0 to 1 (0 when it has none). */
  twentyFourSevenAedShare: Scalars['Float']['output'];
  /** Registered volunteers (deleted accounts not counted). Public: a count, no personal data. */
  volunteerCount: Scalars['Int']['output'];
  /** Its volunteers, by name. Its coordinators only: policy officer, working group, ADMIN; for anyone else null, with FORBIDDEN on this field only. */
  volunteers: Maybe<Array<Volunteer>>;
  /** Its volunteers a page at a time, by name, filtered. Its coordinators only: policy officer, working group, ADMIN; for anyone else null, with FORBIDDEN on this field only. */
  volunteersConnection: Maybe<VolunteerConnection>;
  /** The working group that covers it, if any. */
  workingGroup: Maybe<WorkingGroup>;
};


/** A municipality taking part in the programme. */
export type MunicipalityAedPlacementSuggestionsArgs = {
  count?: Scalars['Int']['input'];
  fresh?: Scalars['Boolean']['input'];
  minimumVolunteers?: InputMaybe<Scalars['Int']['input']>;
  resolution?: Scalars['Int']['input'];
  weekOf?: InputMaybe<Scalars['LocalDate']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityAedsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AedFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityAlertableVolunteerCountArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityAlertableVolunteerCountsByHourArgs = {
  weekOf?: InputMaybe<Scalars['LocalDate']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityCertificateLapseForecastArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
  months?: InputMaybe<Array<Scalars['Int']['input']>>;
};


/** A municipality taking part in the programme. */
export type MunicipalityCertificateRenewalsDueArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityCertificatesAwaitingVerificationArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityDispatchableAedCountArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityDispatchableAedCountsByHourArgs = {
  weekOf?: InputMaybe<Scalars['LocalDate']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityDistanceOutsideArgs = {
  position: GeoPointInput;
};


/** A municipality taking part in the programme. */
export type MunicipalityDistancesOutsideArgs = {
  positions: Array<GeoPointInput>;
};


/** A municipality taking part in the programme. */
export type MunicipalitySixMinuteCoverageArgs = {
  fresh?: Scalars['Boolean']['input'];
  minimumVolunteers?: InputMaybe<Scalars['Int']['input']>;
  resolution?: Scalars['Int']['input'];
  weekOf?: InputMaybe<Scalars['LocalDate']['input']>;
};


/** A municipality taking part in the programme. */
export type MunicipalityVolunteersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<VolunteerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of municipalities, by name (then id). */
export type MunicipalityConnection = {
  __typename?: 'MunicipalityConnection';
  nodes: Array<Municipality>;
  pageInfo: PageInfo;
  /** All municipalities matching the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** Narrows the list of municipalities; every filter given must hold. */
export type MunicipalityFilter = {
  /** Only those of this country (ISO 3166-1 alpha-2). */
  countryCode?: InputMaybe<Scalars['String']['input']>;
  /** Part of the name or the code (any case). */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only those of this security region. */
  securityRegionId?: InputMaybe<Scalars['ID']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The app confirms it has the alert (call it as soon as the push arrives): no SMS follows. Only the alerted volunteer; confirming twice changes nothing. */
  acknowledgeAlert: Alert;
  /** Adds a guardian to an AED: its guardians, the coordinators of its municipality, or ADMIN. */
  addAedGuardian: AedGuardian;
  /** Makes a volunteer a member of a partner association (imports do this for a whole list). ADMIN or the working group of the volunteer’s municipality. */
  addAssociationMembership: Volunteer;
  /** Records a training certificate: the volunteer themselves, or the working group of their municipality. It counts once verified by the working group’s administrative support (at once with `verified`, for who may verify). The course date may not lie in the future. */
  addTrainingCertificate: TrainingCertificate;
  /** Adds a member. ADMIN or the CHAIR. A CHAIR, GROUP_LEADER or ADMIN_SUPPORT member holds that role for the group in the whole graph (within 30 s). */
  addWorkingGroupMember: WorkingGroupMember;
  /** Answers a follow-up (the volunteer it was sent to only). An answer that says the volunteer is struggling, or asks to talk, goes to the aftercare contacts at once. CONFLICT when answered before. */
  answerAftercareFollowUp: AftercareFollowUp;
  /** Adds the same guardian to each AED named (at most 500), as addAedGuardian does: all or none. The caller must be allowed on every one (its guardians, the coordinators of its municipality, or ADMIN); an error names the first AED refused (extensions.aedId). */
  assignAedGuardians: Array<Aed>;
  /** Cancels an open incident (e.g. not a cardiac arrest after all): every volunteer still alerted is stood down. */
  cancelIncident: Incident;
  /** Closes an open incident with its outcome. Volunteers who had not answered are stood down; aftercare is scheduled for those who went. CONFLICT when already closed or cancelled. */
  closeIncident: Incident;
  /** Closes a working group for good, saying why: kept for its history (readable by ADMIN and the policy officers of its municipalities), but its members’ roles grant nothing from then on, it leaves workingGroups and Municipality.workingGroup, its municipalities may get a new group, and it can no longer be changed (CONFLICT). ADMIN only, as creating one is. */
  closeWorkingGroup: WorkingGroup;
  /** A guardian confirms the AED ready after it was used: it returns to dispatch, and the confirmation counts as a check. Its guardians or ADMIN. */
  confirmAedReady: Aed;
  /** Registers an ambulance service and the regions it serves. ADMIN only. */
  createAmbulanceService: AmbulanceService;
  /** Creates an API client for a partner app; the credential is shown only now. ADMIN or a PARTNER of the association. */
  createApiClient: ApiClientCredential;
  /** Registers a municipality. ADMIN only. */
  createMunicipality: Municipality;
  /** Registers a partner association. ADMIN only. */
  createPartnerAssociation: PartnerAssociation;
  /** Adds a task to the implementation plan. ADMIN, CHAIR or GROUP_LEADER. */
  createPlanTask: PlanTask;
  /** Registers a security region. ADMIN only. */
  createSecurityRegion: SecurityRegion;
  /** Sets up a working group for one or more municipalities. ADMIN only. */
  createWorkingGroup: WorkingGroup;
  /** Takes an AED out of service for good, saying why: kept for its history, out of dispatch, of its municipality’s lists and counts, and of reminders; it can no longer be changed (CONFLICT). The coordinators of its municipality, or ADMIN. */
  decommissionAed: Aed;
  /** Deletes the caller’s volunteer account: name, contact details, addresses, positions, consents, memberships and the devices of their app are erased at once; only anonymous statistics remain. The volunteer themselves. */
  deleteMyAccount: Scalars['Boolean']['output'];
  /** Erases a volunteer on their request (a letter, a phone call), as deleteMyAccount does: personal data, positions, consents and memberships gone at once; anonymous statistics kept; who erased it and when recorded. The working group of their municipality, or ADMIN. */
  eraseVolunteer: VolunteerErasure;
  /** Forgets the devices and alert delivery choice of a volunteer whose account is being deleted. For the volunteers subgraph (SERVICE) only. */
  forgetVolunteerDevices: Scalars['Int']['output'];
  /** Imports an association’s volunteer list (CSV): new volunteers are created; a row merges into a known volunteer only when it is the same person (same phone and date of birth, or same e-mail, date of birth and name), any other shared phone or e-mail is rejected naming the fields that matched and those that did not; bad rows rejected with their reasons; all in one transaction. Every imported volunteer becomes a member of the association. ADMIN, or the working group of the municipality (typically its administrative support); `certificate_verified` counts only for who may verify certificates (administrative support, ADMIN). */
  importVolunteers: VolunteerImportReport;
  /** A partner association joins a municipality (from `joinedOn`, default today): its apps then see that municipality’s anonymous statistics. ADMIN or the municipality’s POLICY_OFFICER. */
  joinMunicipality: PartnerAssociation;
  /** Ends a partner association’s membership of a municipality (on `leftOn`, default today; not in the future): its apps no longer see that municipality, and it leaves both lists; the membership is kept with its dates. ADMIN or the municipality’s POLICY_OFFICER. */
  leaveMunicipality: PartnerAssociation;
  /** A guardian logs a check of the AED (and any battery or pads replaced). Its guardians or ADMIN. */
  recordAedCheck: Aed;
  /** Logs the same check for each AED named (at most 500), as recordAedCheck does: all or none. The caller must guard every one (or be ADMIN); an error names the first AED refused (extensions.aedId). */
  recordAedChecks: Array<Aed>;
  /** Records when the ambulance arrived (default: now). */
  recordAmbulanceArrival: Incident;
  /** Registers an AED in a municipality: its coordinators (policy officer, working group) or ADMIN. The municipality’s time zone and country are copied onto the AED for its schedule and dates. */
  registerAed: Aed;
  /** Signs the caller up as a volunteer (self-service): the record is tied to the subject of their token. The identity provider then issues tokens with role VOLUNTEER scoped to the returned id; until then the caller is recognised by their subject. Any signed-in person without a volunteer record. */
  registerMe: Volunteer;
  /** Registers a device of the caller’s app for push alerts (the volunteer themselves). Registering the same token or subscription again updates it. BAD_USER_INPUT for a malformed token or subscription; nothing is written. */
  registerMyDevice: Device;
  /** Registers a volunteer on their behalf (a paper form, a phone call). ADMIN, or the chair, group leader or administrative support of the working group covering the municipality. */
  registerVolunteer: Volunteer;
  /** Removes a guardian from an AED: its guardians, the coordinators of its municipality, or ADMIN. */
  removeAedGuardian: Scalars['Boolean']['output'];
  /** Ends a volunteer’s membership of a partner association. ADMIN or the working group of the volunteer’s municipality. */
  removeAssociationMembership: Volunteer;
  /** Removes one of the caller’s devices: it gets no more alerts. FORBIDDEN for another volunteer’s device. */
  removeMyDevice: Device;
  /** Reports a suspected cardiac arrest and alerts volunteers nearby. DISPATCHER of an ambulance service serving the place. Idempotent: the same dispatch reference of the same service returns the same incident (CONFLICT if it is reused for another patient). */
  reportIncident: Incident;
  /** Reports a problem that puts the programme at risk or delays it; the chair receives it at once (problemReportEvents). Any member, coordinator or policy officer of the working group. */
  reportProblem: ProblemReport;
  /** Answers an alert: ACCEPT, DECLINE or ON_SCENE. Only the alerted volunteer. Answering the same twice changes nothing; CONFLICT after the incident ended or after a stand-down. */
  respondToAlert: Alert;
  /** Revokes an API client for good (within 30 s at the gateway). ADMIN or a PARTNER of the association. */
  revokeApiClient: ApiClient;
  /** Gives an API client a new secret, shown only now; the old one stops working within 30 s. ADMIN or a PARTNER of the association. */
  rotateApiClientSecret: ApiClientCredential;
  /** Sends a test alert to a volunteer, optionally naming an AED. ADMIN only. */
  sendTestAlert: AlertUpdate;
  /** Replaces the regions a service serves, and so where its dispatchers may report incidents. ADMIN only. */
  setAmbulanceServiceRegions: AmbulanceService;
  /** Sets the region’s certificate grace period: 0 to 365 days after expiry (90 mirrors "no longer alerted three months after expiry"). ADMIN only. */
  setCertificateGracePeriod: SecurityRegion;
  /** Sets a security region’s dispatch and aftercare policy as a new version: exactly the settings given, the others back to their defaults. ADMIN only. Invalid settings: BAD_USER_INPUT with every problem in `extensions.violations`. */
  setDispatchPolicy: DispatchPolicyVersion;
  /** smsAlways: true sends every alert by SMS at once as well as to the app; false (the default) sends the SMS only when the app has not confirmed the alert within the region’s smsFallbackSeconds, or when no device is registered. */
  setMyAlertDelivery: AlertDeliverySettings;
  /** Switches the caller on or off duty and sets or clears their quiet hours. The volunteer themselves. */
  setMyAvailability: Volunteer;
  /** Opts in to (or out of) being alerted at the phone’s position, recording the consent. Opting out deletes the current position. The volunteer themselves. */
  setMyLocationSharing: Volunteer;
  /** Suspends a volunteer (no alerts) or reinstates them (ACTIVE). The working group of their municipality, or ADMIN. */
  setVolunteerStatus: Volunteer;
  /** Stands an AED down after it was fetched for an incident, until a guardian confirms it ready, and tells its owner and guardians. Idempotent per (AED, incident). Only for the incidents service. */
  standDownAedAfterUse: Scalars['Boolean']['output'];
  /** Changes an AED: its guardians, the coordinators of its municipality, or ADMIN. */
  updateAed: Aed;
  /** Changes a municipality’s name, time zone, population or boundary: ADMIN or its POLICY_OFFICER. Its region, code and country: ADMIN only. */
  updateMunicipality: Municipality;
  /** Reports the phone’s position (opt-in: setMyLocationSharing). Only the latest is kept, with no history; it is ignored and deleted 72 hours after the last report. The volunteer themselves. */
  updateMyLocation: CurrentPosition;
  /** Changes a task. ADMIN, CHAIR or GROUP_LEADER; the responsible member may change its status only. */
  updatePlanTask: PlanTask;
  /** Moves a problem report on (OPEN → ACKNOWLEDGED → RESOLVED), with a note. ADMIN, CHAIR or GROUP_LEADER. */
  updateProblemReportStatus: ProblemReport;
  /** Corrects a volunteer’s name, contact details and addresses: the volunteer, or the working group of their municipality. */
  updateVolunteer: Volunteer;
  /** Changes a membership or ends it (`until`). ADMIN or the CHAIR. */
  updateWorkingGroupMember: WorkingGroupMember;
  /** Verifies a certificate (seen the paper, or confirmed with the training body). The administrative support of the volunteer’s working group, or ADMIN. */
  verifyTrainingCertificate: TrainingCertificate;
};


export type MutationAcknowledgeAlertArgs = {
  alertId: Scalars['ID']['input'];
};


export type MutationAddAedGuardianArgs = {
  aedId: Scalars['ID']['input'];
  guardian: AedGuardianInput;
};


export type MutationAddAssociationMembershipArgs = {
  partnerAssociationId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};


export type MutationAddTrainingCertificateArgs = {
  input: TrainingCertificateInput;
  volunteerId: Scalars['ID']['input'];
};


export type MutationAddWorkingGroupMemberArgs = {
  input: AddWorkingGroupMemberInput;
};


export type MutationAnswerAftercareFollowUpArgs = {
  answer: AftercareAnswerInput;
  followUpId: Scalars['ID']['input'];
};


export type MutationAssignAedGuardiansArgs = {
  aedIds: Array<Scalars['ID']['input']>;
  guardian: AedGuardianInput;
};


export type MutationCancelIncidentArgs = {
  incidentId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCloseIncidentArgs = {
  incidentId: Scalars['ID']['input'];
  outcome: IncidentOutcome;
};


export type MutationCloseWorkingGroupArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationConfirmAedReadyArgs = {
  aedId: Scalars['ID']['input'];
  check?: InputMaybe<AedCheckInput>;
};


export type MutationCreateAmbulanceServiceArgs = {
  input: CreateAmbulanceServiceInput;
};


export type MutationCreateApiClientArgs = {
  input: CreateApiClientInput;
};


export type MutationCreateMunicipalityArgs = {
  input: CreateMunicipalityInput;
};


export type MutationCreatePartnerAssociationArgs = {
  input: CreatePartnerAssociationInput;
};


export type MutationCreatePlanTaskArgs = {
  input: CreatePlanTaskInput;
};


export type MutationCreateSecurityRegionArgs = {
  input: CreateSecurityRegionInput;
};


export type MutationCreateWorkingGroupArgs = {
  input: CreateWorkingGroupInput;
};


export type MutationDecommissionAedArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationEraseVolunteerArgs = {
  id: Scalars['ID']['input'];
};


export type MutationForgetVolunteerDevicesArgs = {
  volunteerId: Scalars['ID']['input'];
};


export type MutationImportVolunteersArgs = {
  input: ImportVolunteersInput;
};


export type MutationJoinMunicipalityArgs = {
  joinedOn?: InputMaybe<Scalars['LocalDate']['input']>;
  municipalityId: Scalars['ID']['input'];
  partnerAssociationId: Scalars['ID']['input'];
};


export type MutationLeaveMunicipalityArgs = {
  leftOn?: InputMaybe<Scalars['LocalDate']['input']>;
  municipalityId: Scalars['ID']['input'];
  partnerAssociationId: Scalars['ID']['input'];
};


export type MutationRecordAedCheckArgs = {
  aedId: Scalars['ID']['input'];
  check?: InputMaybe<AedCheckInput>;
};


export type MutationRecordAedChecksArgs = {
  aedIds: Array<Scalars['ID']['input']>;
  check?: InputMaybe<AedCheckInput>;
};


export type MutationRecordAmbulanceArrivalArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
  incidentId: Scalars['ID']['input'];
};


export type MutationRegisterAedArgs = {
  input: RegisterAedInput;
};


export type MutationRegisterMeArgs = {
  input: RegisterVolunteerInput;
};


export type MutationRegisterMyDeviceArgs = {
  input: RegisterDeviceInput;
};


export type MutationRegisterVolunteerArgs = {
  input: RegisterVolunteerInput;
};


export type MutationRemoveAedGuardianArgs = {
  aedId: Scalars['ID']['input'];
  guardianId: Scalars['ID']['input'];
};


export type MutationRemoveAssociationMembershipArgs = {
  partnerAssociationId: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};


export type MutationRemoveMyDeviceArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReportIncidentArgs = {
  input: ReportIncidentInput;
};


export type MutationReportProblemArgs = {
  input: ReportProblemInput;
};


export type MutationRespondToAlertArgs = {
  alertId: Scalars['ID']['input'];
  response: AlertResponse;
};


export type MutationRevokeApiClientArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateApiClientSecretArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSendTestAlertArgs = {
  aedId?: InputMaybe<Scalars['ID']['input']>;
  volunteerId: Scalars['ID']['input'];
};


export type MutationSetAmbulanceServiceRegionsArgs = {
  id: Scalars['ID']['input'];
  regionIds: Array<Scalars['ID']['input']>;
};


export type MutationSetCertificateGracePeriodArgs = {
  days: Scalars['Int']['input'];
  securityRegionId: Scalars['ID']['input'];
};


export type MutationSetDispatchPolicyArgs = {
  input: SetDispatchPolicyInput;
};


export type MutationSetMyAlertDeliveryArgs = {
  smsAlways: Scalars['Boolean']['input'];
};


export type MutationSetMyAvailabilityArgs = {
  input: AvailabilityInput;
};


export type MutationSetMyLocationSharingArgs = {
  enabled: Scalars['Boolean']['input'];
};


export type MutationSetVolunteerStatusArgs = {
  id: Scalars['ID']['input'];
  status: VolunteerStatus;
};


export type MutationStandDownAedAfterUseArgs = {
  aedId: Scalars['ID']['input'];
  incidentId: Scalars['ID']['input'];
};


export type MutationUpdateAedArgs = {
  id: Scalars['ID']['input'];
  input: UpdateAedInput;
};


export type MutationUpdateMunicipalityArgs = {
  id: Scalars['ID']['input'];
  input: UpdateMunicipalityInput;
};


export type MutationUpdateMyLocationArgs = {
  position: GeoPointInput;
};


export type MutationUpdatePlanTaskArgs = {
  id: Scalars['ID']['input'];
  input: UpdatePlanTaskInput;
};


export type MutationUpdateProblemReportStatusArgs = {
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  status: ProblemReportStatus;
};


export type MutationUpdateVolunteerArgs = {
  id: Scalars['ID']['input'];
  input: UpdateVolunteerInput;
};


export type MutationUpdateWorkingGroupMemberArgs = {
  id: Scalars['ID']['input'];
  input: UpdateWorkingGroupMemberInput;
};


export type MutationVerifyTrainingCertificateArgs = {
  id: Scalars['ID']['input'];
};

/** An AED that can be used now near a point, for anyone looking for one. */
export type NearbyAed = {
  __typename?: 'NearbyAed';
  aed: Aed;
  /** When its schedule next closes it; null when it does not within a year. */
  availableUntil: Maybe<Scalars['DateTimeISO']['output']>;
  /** Straight-line (great-circle) distance from the searched point. */
  distanceMeters: Scalars['Float']['output'];
};

/** UNDER_18: not 18 yet (local time). INACTIVE: suspended. OFF_DUTY: switched off duty. QUIET_HOURS: inside their quiet hours. NO_VALID_CERTIFICATE: no certificate valid then (grace period included). CERTIFICATE_UNVERIFIED: a valid certificate awaits verification. */
export type NotAlertableReason =
  | 'CERTIFICATE_UNVERIFIED'
  | 'INACTIVE'
  | 'NO_VALID_CERTIFICATE'
  | 'OFF_DUTY'
  | 'QUIET_HOURS'
  | 'UNDER_18';

/** Why an AED is not dispatchable. */
export type NotReadyReason =
  | 'AVAILABILITY_UNKNOWN'
  | 'BATTERY_EXPIRED'
  | 'CABINET_CODE_UNKNOWN'
  | 'CHECK_OVERDUE'
  | 'CLOSED'
  | 'OUT_OF_SERVICE'
  | 'PADS_EXPIRED'
  | 'PRIVATE_ACCESS'
  | 'SCHEDULE_INVALID'
  | 'STOOD_DOWN';

/** A stretch of time in which an AED can be reached (or, if `unknown`, maybe). */
export type OpenInterval = {
  __typename?: 'OpenInterval';
  comment: Maybe<Scalars['String']['output']>;
  from: Scalars['DateTimeISO']['output'];
  to: Scalars['DateTimeISO']['output'];
  /** The schedule says "unknown" here: not certainly open, not dispatched. */
  unknown: Scalars['Boolean']['output'];
};

/** Where a page ends: pass endCursor as `after` for the next page while hasNextPage. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last row on the page; null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A local association that joined the programme and keeps working with its own app. Other subgraphs extend it (its members). */
export type PartnerAssociation = {
  __typename?: 'PartnerAssociation';
  /** Its apps’ API clients, revoked ones included. ADMIN or a PARTNER of the association (not an API client); for anyone else null, with FORBIDDEN on this field only. */
  apiClients: Maybe<Array<ApiClient>>;
  id: Scalars['ID']['output'];
  /** Volunteers who are members (from its imported lists). Public: a count. */
  memberCount: Scalars['Int']['output'];
  /** Its members, so its app can forward their alerts: their ids only (personal data stays with the volunteers’ coordinators). The association’s PARTNER (an API client needs the ALERTS permission), or ADMIN; for anyone else null, with FORBIDDEN on this field only. */
  members: Maybe<Array<Volunteer>>;
  /** Its members a page at a time, by name (then id), as `members` shows them. The association’s PARTNER (an API client needs the ALERTS permission), or ADMIN; for anyone else null, with FORBIDDEN on this field only. */
  membersConnection: Maybe<VolunteerConnection>;
  /** The municipalities it is a member of (ended memberships left out), and since when. */
  municipalities: Array<PartnerMunicipality>;
  name: Scalars['String']['output'];
};


/** A local association that joined the programme and keeps working with its own app. Other subgraphs extend it (its members). */
export type PartnerAssociationMembersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MemberFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A municipality a partner association has joined, and since when. */
export type PartnerMunicipality = {
  __typename?: 'PartnerMunicipality';
  joinedOn: Scalars['LocalDate']['output'];
  municipality: Municipality;
};

/** What a partner’s API client may do: STATISTICS (anonymous statistics), ALERTS (alerts of the association’s own members). */
export type PartnerPermission =
  | 'ALERTS'
  | 'STATISTICS';

/** A place accepted outside its municipality’s boundary: why, who, when. */
export type PlaceOverride = {
  __typename?: 'PlaceOverride';
  at: Scalars['DateTimeISO']['output'];
  /** Subject of who accepted it. */
  by: Scalars['String']['output'];
  /** How far outside the boundary, in metres, when accepted. */
  distanceMeters: Scalars['Int']['output'];
  reason: Scalars['String']['output'];
};

/** A task of a working group’s implementation plan. */
export type PlanTask = {
  __typename?: 'PlanTask';
  description: Maybe<Scalars['String']['output']>;
  dueDate: Scalars['LocalDate']['output'];
  id: Scalars['ID']['output'];
  /** The organisation that carries it out. */
  organisation: Scalars['String']['output'];
  /** Unfinished and past its due date, today in the working group’s time zone. */
  overdue: Scalars['Boolean']['output'];
  /** The member responsible for it. */
  responsible: WorkingGroupMember;
  status: PlanTaskStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  workingGroup: WorkingGroup;
};

export type PlanTaskStatus =
  | 'CANCELLED'
  | 'DONE'
  | 'IN_PROGRESS'
  | 'OPEN';

/** Which of a volunteer’s positions put them near a patient. */
export type PositionKind =
  /** The position their phone last shared, reported in the last 72 hours. */
  | 'CURRENT'
  /** Their home address. */
  | 'HOME'
  /** Their work address, during the weekly hours they gave for it. */
  | 'WORK';

export type ProblemImpact =
  | 'AT_RISK'
  | 'DELAYED';

/** A problem that puts the programme at risk or delays it, reported to the chair. */
export type ProblemReport = {
  __typename?: 'ProblemReport';
  createdAt: Scalars['DateTimeISO']['output'];
  description: Scalars['String']['output'];
  /** Who set which status when, oldest first. */
  history: Array<ProblemReportEvent>;
  id: Scalars['ID']['output'];
  impact: ProblemImpact;
  /** Subject of who reported it. */
  reportedBy: Scalars['String']['output'];
  /** Their name, when they are a member of the working group. */
  reporterName: Maybe<Scalars['String']['output']>;
  status: ProblemReportStatus;
  title: Scalars['String']['output'];
  workingGroup: WorkingGroup;
};

/** One step of a problem report’s history: who set which status when. */
export type ProblemReportEvent = {
  __typename?: 'ProblemReportEvent';
  /** Subject of who did it. */
  actor: Scalars['String']['output'];
  actorName: Maybe<Scalars['String']['output']>;
  at: Scalars['DateTimeISO']['output'];
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  note: Maybe<Scalars['String']['output']>;
  /** The report as it stands now. */
  report: ProblemReport;
  status: ProblemReportStatus;
};

/** OPEN → ACKNOWLEDGED → RESOLVED (or OPEN → RESOLVED); RESOLVED is final. */
export type ProblemReportStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

export type Query = {
  __typename?: 'Query';
  /** One AED. Public: AED locations are published to save lives. */
  aed: Aed;
  /** What is due within `withinDays` days (default: the reminder lead time), overdue included, most urgent first: for a guardian the AEDs they guard, for coordinators the AEDs of their municipalities, for ADMIN all (or those of `municipalityId`). */
  aedReminders: Array<AedReminder>;
  /** One alert: for the alerted volunteer, the dispatchers of its incident, or ADMIN. */
  alert: Alert;
  /** One ambulance service. Public. */
  ambulanceService: AmbulanceService;
  /** Ambulance services, by name. Public. */
  ambulanceServices: Array<AmbulanceService>;
  /** Volunteers of a municipality whose certificate expires within two months of `at` (default now) or has expired, soonest first: whom to remind, and for whom to plan a refresher course. Its coordinators only. */
  certificateRenewalsDue: Array<CertificateRenewal>;
  /** The dispatch and aftercare policy in force in a security region. Public: how a region alerts is no secret. */
  dispatchPolicy: DispatchPolicyVersion;
  /** Every version of a region’s policy, newest first, ending with the defaults (version 0). Public. */
  dispatchPolicyHistory: Array<DispatchPolicyVersion>;
  /** The nearest AEDs dispatchable at `at` within `radiusMeters` (straight line), nearest first, with their cabinet codes. Only for the incidents service, which gives a code to the one responder it sends to fetch that AED. */
  dispatchableAeds: Array<DispatchableAed>;
  /** One incident: dispatchers of the reporting ambulance service, or ADMIN. */
  incident: Incident;
  /** The latest incidents of your ambulance services (all for ADMIN), newest first. */
  incidents: Array<Incident>;
  /** The municipality and region a point lies in, or null when it is in no municipality placed in a region. For the incidents subgraph (SERVICE) only. */
  locate: Maybe<Location>;
  /** Municipalities taking part, by name. Public. */
  municipalities: Array<Municipality>;
  /** Municipalities taking part a page at a time, by name (then id), filtered. Public. */
  municipalitiesConnection: MunicipalityConnection;
  /** One municipality. Public. */
  municipality: Municipality;
  /** The municipality whose boundary contains the position (so its region, and the ambulance services that serve it), or null. Public. */
  municipalityAt: Maybe<Municipality>;
  /** The caller as every subgraph sees them: their grants, and the municipalities and regions each covers. Anyone. */
  myAccess: Access;
  /** How the caller is alerted: their devices and whether SMS always goes out too. */
  myAlertDelivery: AlertDeliverySettings;
  /** The caller’s registered devices (the volunteer themselves). */
  myDevices: Array<Device>;
  /** The caller’s current working-group memberships (by the subject of their token). */
  myMemberships: Array<WorkingGroupMember>;
  /** The caller’s own volunteer record (by their VOLUNTEER grant, or the account they signed up with), or null. */
  myVolunteer: Maybe<Volunteer>;
  /** The nearest AEDs that can be used at `at` (default now) within `radiusMeters` (default 1000, at most 20000), nearest first, at most `limit` (default 5, at most 50). Public, without cabinet codes. */
  nearestDispatchableAeds: Array<NearbyAed>;
  /** Unfinished plan tasks past their due date (today in the working group’s time zone, or `asOf`), the longest overdue first: of one working group, or of every group the caller takes part in. */
  overdueTasks: Array<PlanTask>;
  /** One partner association. Public. */
  partnerAssociation: PartnerAssociation;
  /** Partner associations, by name. Public. */
  partnerAssociations: Array<PartnerAssociation>;
  /** One problem report. Members, coordinators and policy officers of its working group. */
  problemReport: ProblemReport;
  /** One security region. Public. */
  securityRegion: SecurityRegion;
  /** Security regions, by name. Public. */
  securityRegions: Array<SecurityRegion>;
  /** A volunteer: themselves, or a coordinator of their municipality. */
  volunteer: Volunteer;
  /** One working group. Public (names and municipalities only). */
  workingGroup: WorkingGroup;
  /** Working groups, by name: the open ones, closed ones too with includeClosed. Public (names and municipalities only). */
  workingGroups: Array<WorkingGroup>;
  /** Working groups a page at a time, by name (then id): the open ones, closed ones too with filter.includeClosed. Public (names and municipalities only). */
  workingGroupsConnection: WorkingGroupConnection;
};


export type QueryAedArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAedRemindersArgs = {
  municipalityId?: InputMaybe<Scalars['ID']['input']>;
  withinDays?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAlertArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAmbulanceServiceArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCertificateRenewalsDueArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
  municipalityId: Scalars['ID']['input'];
};


export type QueryDispatchPolicyArgs = {
  securityRegionId: Scalars['ID']['input'];
};


export type QueryDispatchPolicyHistoryArgs = {
  securityRegionId: Scalars['ID']['input'];
};


export type QueryDispatchableAedsArgs = {
  at: Scalars['DateTimeISO']['input'];
  latitude: Scalars['Float']['input'];
  limit: Scalars['Int']['input'];
  longitude: Scalars['Float']['input'];
  radiusMeters: Scalars['Float']['input'];
};


export type QueryIncidentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIncidentsArgs = {
  first?: Scalars['Int']['input'];
  status?: InputMaybe<IncidentStatus>;
};


export type QueryLocateArgs = {
  latitude: Scalars['Float']['input'];
  longitude: Scalars['Float']['input'];
};


export type QueryMunicipalitiesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MunicipalityFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMunicipalityArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMunicipalityAtArgs = {
  position: GeoPointInput;
};


export type QueryNearestDispatchableAedsArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  location: GeoPointInput;
  radiusMeters?: InputMaybe<Scalars['Float']['input']>;
};


export type QueryOverdueTasksArgs = {
  asOf?: InputMaybe<Scalars['LocalDate']['input']>;
  workingGroupId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPartnerAssociationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProblemReportArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySecurityRegionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVolunteerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkingGroupArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkingGroupsArgs = {
  includeClosed?: Scalars['Boolean']['input'];
};


export type QueryWorkingGroupsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkingGroupFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QuestionnaireAnswer = {
  __typename?: 'QuestionnaireAnswer';
  arrivedOnScene: Scalars['Boolean']['output'];
  performedCpr: Scalars['Boolean']['output'];
  stressLevel: Scalars['Int']['output'];
  usedAed: Scalars['Boolean']['output'];
};

export type QuestionnaireAnswerInput = {
  arrivedOnScene: Scalars['Boolean']['input'];
  performedCpr: Scalars['Boolean']['input'];
  /** 1 (calm) to 5 (overwhelmed). */
  stressLevel: Scalars['Int']['input'];
  usedAed: Scalars['Boolean']['input'];
};

/** A daily window without alerts, local time; it crosses midnight when end is before start (23:00–07:00). */
export type QuietHours = {
  __typename?: 'QuietHours';
  /** First minute after the window, HH:MM. */
  end: Scalars['String']['output'];
  /** First quiet minute, HH:MM. */
  start: Scalars['String']['output'];
};

export type QuietHoursInput = {
  /** First minute after the window, HH:MM; before start to cross midnight. */
  end: Scalars['String']['input'];
  /** First quiet minute, HH:MM. */
  start: Scalars['String']['input'];
};

export type RegisterAedInput = {
  access?: InputMaybe<AedAccess>;
  address?: InputMaybe<Scalars['String']['input']>;
  /** OpenStreetMap `opening_hours`, e.g. "Mo-Fr 07:00-22:00; Sa 08:00-17:00; PH off". */
  availabilitySchedule?: InputMaybe<Scalars['String']['input']>;
  /** At most 10 years from today. */
  batteryExpiresOn?: InputMaybe<Scalars['LocalDate']['input']>;
  brand?: InputMaybe<Scalars['String']['input']>;
  /** The cabinet code (needs cabinetLocked). Readable afterwards only by the AED’s guardians and by dispatch. */
  cabinetCode?: InputMaybe<Scalars['String']['input']>;
  /** In a locked cabinet; a locked cabinet without a code is not dispatched. */
  cabinetLocked?: InputMaybe<Scalars['Boolean']['input']>;
  floor?: InputMaybe<Scalars['String']['input']>;
  /** Usually one or two. */
  guardians?: InputMaybe<Array<AedGuardianInput>>;
  indoor?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not in the future. */
  lastCheckedOn?: InputMaybe<Scalars['LocalDate']['input']>;
  location: GeoPointInput;
  locationDescription: Scalars['String']['input'];
  model?: InputMaybe<Scalars['String']['input']>;
  municipalityId: Scalars['ID']['input'];
  /** False when broken, in maintenance or missing. */
  operational?: InputMaybe<Scalars['Boolean']['input']>;
  /** Why the place may lie more than 1 km outside its municipality’s boundary (else BAD_USER_INPUT, reason OUTSIDE_MUNICIPALITY); recorded with who gave it and when. */
  outsideMunicipalityReason?: InputMaybe<Scalars['String']['input']>;
  owner?: InputMaybe<AedContactInput>;
  /** At most 10 years from today. */
  padsExpireOn?: InputMaybe<Scalars['LocalDate']['input']>;
  reference?: InputMaybe<Scalars['String']['input']>;
  serialNumber?: InputMaybe<Scalars['String']['input']>;
};

export type RegisterDeviceInput = {
  /** The app’s version, e.g. 4.2.0. */
  appVersion: Scalars['String']['input'];
  /** IOS: the app holds Apple’s critical-alert entitlement, so alerts ring through silent mode. */
  criticalAlerts?: InputMaybe<Scalars['Boolean']['input']>;
  /** The app’s language, e.g. nl or sv-SE. */
  language: Scalars['String']['input'];
  platform: DevicePlatform;
  /** IOS: the APNs device token (hex). ANDROID: the FCM registration token. */
  token?: InputMaybe<Scalars['String']['input']>;
  /** WEB: the browser’s push subscription. */
  webPushSubscription?: InputMaybe<WebPushSubscriptionInput>;
};

export type RegisterVolunteerInput = {
  /** The volunteer’s consents and when they were given. Registering records PERSONAL_DATA given now unless listed with its own time (a coordinator attests the consent on the paper form); LOCATION_SHARING only when listed. */
  consents?: InputMaybe<Array<ConsentInput>>;
  /** The volunteer must be 18 or older. */
  dateOfBirth: Scalars['LocalDate']['input'];
  email?: InputMaybe<Scalars['String']['input']>;
  homeAddress: AddressInput;
  /** The language of alerts and SMS: nl, sv, da, nb, de, fr, en. Default: the language of the municipality's country (English where none of these). */
  language?: InputMaybe<Scalars['String']['input']>;
  municipalityId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  /** Why the place may lie more than 1 km outside its municipality’s boundary (else BAD_USER_INPUT, reason OUTSIDE_MUNICIPALITY); recorded with who gave it and when. */
  outsideMunicipalityReason?: InputMaybe<Scalars['String']['input']>;
  /** A mobile number for SMS alerts; without a country code it is read in the municipality’s country. Stored in E.164. */
  phone?: InputMaybe<Scalars['String']['input']>;
  quietHours?: InputMaybe<QuietHoursInput>;
  workAddress?: InputMaybe<WorkAddressInput>;
};

/** A row of the list that was not imported, and why. */
export type RejectedVolunteerRow = {
  __typename?: 'RejectedVolunteerRow';
  /** The row as read, to correct it. */
  fields: Array<ImportField>;
  line: Scalars['Int']['output'];
  /** One per problem found. */
  reasons: Array<Scalars['String']['output']>;
};

export type ReportIncidentInput = {
  /** Where the patient is, as volunteers need it: street, number, town, entrance. */
  address: Scalars['String']['input'];
  /** The reporting ambulance service; needed only when you dispatch for several services that serve this place. */
  ambulanceServiceId?: InputMaybe<Scalars['ID']['input']>;
  /** When the 112 call was received. */
  callReceivedAt: Scalars['DateTimeISO']['input'];
  /** The dispatch centre’s own reference; the same reference reported again returns the same incident. */
  dispatchReference: Scalars['String']['input'];
  /** Reasons not to send volunteers; with any of them nobody is alerted. */
  exclusions?: InputMaybe<Array<IncidentExclusion>>;
  location: GeoPointInput;
};

export type ReportProblemInput = {
  description: Scalars['String']['input'];
  impact: ProblemImpact;
  title: Scalars['String']['input'];
  workingGroupId: Scalars['ID']['input'];
};

/** Roles of the access model (see docs/access.md). */
export type Role =
  | 'ADMIN'
  | 'ADMIN_SUPPORT'
  | 'CHAIR'
  | 'DISPATCHER'
  | 'GROUP_LEADER'
  | 'GUARDIAN'
  | 'PARTNER'
  | 'POLICY_OFFICER'
  | 'SERVICE'
  | 'VOLUNTEER';

/** One straight stretch of a volunteer’s route. */
export type RouteLeg = {
  __typename?: 'RouteLeg';
  from: GeoPoint;
  /** Straight-line length in metres. */
  meters: Scalars['Int']['output'];
  to: GeoPoint;
};

/** A security region: municipalities served by the same ambulance services. Other subgraphs extend it (dispatch policy). */
export type SecurityRegion = {
  __typename?: 'SecurityRegion';
  /** The ambulance services that serve it, by name. */
  ambulanceServices: Array<AmbulanceService>;
  /** Days after expiry during which a certificate still makes its holder alertable (default 0). Public. */
  certificateGracePeriodDays: Scalars['Int']['output'];
  /** Official code, e.g. VR20. */
  code: Scalars['String']['output'];
  /** The dispatch and aftercare policy in force in this region. Public. */
  dispatchPolicy: DispatchPolicyVersion;
  id: Scalars['ID']['output'];
  /** Its municipalities, by name. */
  municipalities: Array<Municipality>;
  name: Scalars['String']['output'];
};

export type SetDispatchPolicyInput = {
  aftercare?: InputMaybe<AftercarePolicyInput>;
  dispatch?: InputMaybe<DispatchPolicyInput>;
  securityRegionId: Scalars['ID']['input'];
};

/** Six-minute coverage of a municipality for each hour of a week: for every hexagonal grid cell and hour, whether a dispatch at the cell’s centre would get (a) at least N volunteers and (b) an AED within six minutes, by the region’s dispatch policy and the same selection as real dispatch. Cells and counts only. */
export type SixMinuteCoverage = {
  __typename?: 'SixMinuteCoverage';
  cellCount: Scalars['Int']['output'];
  /** Every cell, in H3 index order. */
  cells: Array<CoverageCell>;
  /** How long the computation took, in milliseconds. */
  computeMilliseconds: Scalars['Int']['output'];
  computedAt: Scalars['DateTimeISO']['output'];
  /** Share of all cell-hours of the week covered, 0–1. */
  coveredShare: Scalars['Float']['output'];
  /** Share of the day cell-hours (07:00–23:00) covered. */
  dayCoveredShare: Scalars['Float']['output'];
  /** The grid as a GeoJSON FeatureCollection of cell hexagons with the CoverageCell counts as properties; with `hourOfWeek` (0–167), also `covered`, `volunteers` and `aed` for that hour. */
  geoJson: Scalars['GeoJSONFeatureCollection']['output'];
  /** Every hour of the week, Monday 00:00 first. */
  hours: Array<CoverageHour>;
  /** The limit, in seconds: six minutes. */
  limitSeconds: Scalars['Int']['output'];
  /** N: alerted volunteers needed within six minutes. */
  minimumVolunteers: Scalars['Int']['output'];
  /** Share of the night cell-hours (23:00–07:00) covered. */
  nightCoveredShare: Scalars['Float']['output'];
  /** The version of the region’s dispatch policy computed with (0: the defaults). */
  policyVersion: Scalars['Int']['output'];
  /** Share of the population covered over the week (spread evenly over the cells); null when the population is not known. */
  populationCoveredShare: Maybe<Scalars['Float']['output']>;
  /** H3 resolution of the cells (9: about 0.1 km² each). */
  resolution: Scalars['Int']['output'];
  /** Volunteers, AEDs, schedules or the policy changed since it was computed: a new computation is under way (ask again, or pass fresh: true to wait for it). */
  stale: Scalars['Boolean']['output'];
  /** The clock the hours are read on: the municipality’s time zone. */
  timeZone: Scalars['String']['output'];
  /** The Monday of the week computed. */
  weekStartsOn: Scalars['LocalDate']['output'];
  /** The `count` hours with the smallest share covered, worst first. */
  worstHours: Array<CoverageHour>;
  /** The `count` cells covered in the fewest hours, worst first; among equals, those with enough volunteers or an AED in the most hours (where one fix helps) first. */
  worstPlaces: Array<CoverageCell>;
};


/** Six-minute coverage of a municipality for each hour of a week: for every hexagonal grid cell and hour, whether a dispatch at the cell’s centre would get (a) at least N volunteers and (b) an AED within six minutes, by the region’s dispatch policy and the same selection as real dispatch. Cells and counts only. */
export type SixMinuteCoverageGeoJsonArgs = {
  hourOfWeek?: InputMaybe<Scalars['Int']['input']>;
};


/** Six-minute coverage of a municipality for each hour of a week: for every hexagonal grid cell and hour, whether a dispatch at the cell’s centre would get (a) at least N volunteers and (b) an AED within six minutes, by the region’s dispatch policy and the same selection as real dispatch. Cells and counts only. */
export type SixMinuteCoverageWorstHoursArgs = {
  count?: Scalars['Int']['input'];
};


/** Six-minute coverage of a municipality for each hour of a week: for every hexagonal grid cell and hour, whether a dispatch at the cell’s centre would get (a) at least N volunteers and (b) an AED within six minutes, by the region’s dispatch policy and the same selection as real dispatch. Cells and counts only. */
export type SixMinuteCoverageWorstPlacesArgs = {
  count?: Scalars['Int']['input'];
};

/** Why a volunteer was told not to come. */
export type StandDownReason =
  | 'ENOUGH_RESPONDERS'
  | 'INCIDENT_CANCELLED'
  | 'INCIDENT_CLOSED';

export type Subscription = {
  __typename?: 'Subscription';
  /** Notifications about one AED for its owner and guardians, in order: it was used at an incident, a battery or pads expiry or a check is coming up or has passed. Its guardians, the coordinators of its municipality, ADMIN. Pass the last cursor received as `after` to receive what was missed while away ("0" for everything). */
  aedNotifications: AedNotification;
  /** For the aftercare contacts (policy officer, chair, group leader, administrative support) of the municipalities you coordinate: volunteers to reach out to after an incident, because a follow-up stayed unanswered or the answer was worrying. Resume with `after`. */
  aftercareEscalations: AftercareEscalation;
  /** For the dispatcher: every event of an incident as it happens (alerted, accepted, stood down, …), each with the incident as it is now: who is coming, with what task and ETA, which AEDs are on their way. `after: "0"` replays the whole timeline. `delivery: true` adds a DELIVERY event whenever how the alerts reached the phones changed ("3 phones rang, 1 not reachable"; see Incident.delivery). */
  incidentUpdates: IncidentEvent;
  /** For a partner association’s app: the alerts of its own members as they happen, to forward as push notifications; no address, phone number or position. Needs the ALERTS permission. Resume with `after`. */
  memberAlerts: MemberAlertUpdate;
  /** A volunteer’s aftercare follow-ups, each when it is due; themselves only. Pass the last cursor received as `after` to receive what was missed while away. */
  myAftercare: AftercareFollowUp;
  /** A volunteer’s alerts and what happens to them (stood down, incident closed), in order; themselves only. Pass the last cursor received as `after` to receive what was missed while away. An alert delivered here counts as confirmed by the app (see acknowledgeAlert). */
  myAlerts: AlertUpdate;
  /** The caller’s notifications as a volunteer (renewal reminders), in order. Pass the last cursor received as `after` to receive what was missed while away. */
  myVolunteerNotifications: VolunteerNotification;
  /** Every new problem report and status change of a working group, in order: for its CHAIR (or ADMIN). Pass the last cursor received as `after` to receive what was missed while away. */
  problemReportEvents: ProblemReportEvent;
};


export type SubscriptionAedNotificationsArgs = {
  aedId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionAftercareEscalationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionIncidentUpdatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  delivery?: Scalars['Boolean']['input'];
  incidentId: Scalars['ID']['input'];
};


export type SubscriptionMemberAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  associationId: Scalars['ID']['input'];
};


export type SubscriptionMyAftercareArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  volunteerId: Scalars['ID']['input'];
};


export type SubscriptionMyAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  volunteerId: Scalars['ID']['input'];
};


export type SubscriptionMyVolunteerNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionProblemReportEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  workingGroupId: Scalars['ID']['input'];
};

/** A CPR/AED training certificate of a volunteer. */
export type TrainingCertificate = {
  __typename?: 'TrainingCertificate';
  courseDate: Scalars['LocalDate']['output'];
  /** Whether the certificate states its own end date. */
  hasEndDate: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** The name on the certificate, e.g. NRR Reanimatie/AED. */
  name: Maybe<Scalars['String']['output']>;
  /** Who gave the course (unknown for some imported certificates). */
  provider: Maybe<Scalars['String']['output']>;
  recordedAt: Scalars['DateTimeISO']['output'];
  type: CertificateType;
  /** Last valid day (local time): the end date on the certificate, else course date + 1 year. */
  validUntil: Scalars['LocalDate']['output'];
  /** Verified by the working group’s administrative support; only verified certificates make a volunteer alertable. */
  verified: Scalars['Boolean']['output'];
  verifiedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Whose certificate it is. */
  volunteer: Volunteer;
};

export type TrainingCertificateInput = {
  /** Not in the future. */
  courseDate: Scalars['LocalDate']['input'];
  /** The name on the certificate, e.g. NRR Reanimatie/AED. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Who gave the course. */
  provider?: InputMaybe<Scalars['String']['input']>;
  type: CertificateType;
  /** Only when the certificate states an end date; otherwise course date + 1 year. */
  validUntil?: InputMaybe<Scalars['LocalDate']['input']>;
  /** Record it as verified at once: only for who may verify (the working group’s administrative support, ADMIN), having seen it. */
  verified?: Scalars['Boolean']['input'];
};

/** Changes to an AED: an absent field stays as it is; null clears it. */
export type UpdateAedInput = {
  access?: InputMaybe<AedAccess>;
  address?: InputMaybe<Scalars['String']['input']>;
  /** OpenStreetMap `opening_hours`, e.g. "Mo-Fr 07:00-22:00; Sa 08:00-17:00; PH off". */
  availabilitySchedule?: InputMaybe<Scalars['String']['input']>;
  /** At most 10 years from today. */
  batteryExpiresOn?: InputMaybe<Scalars['LocalDate']['input']>;
  brand?: InputMaybe<Scalars['String']['input']>;
  /** The cabinet code (needs cabinetLocked). Readable afterwards only by the AED’s guardians and by dispatch. */
  cabinetCode?: InputMaybe<Scalars['String']['input']>;
  /** In a locked cabinet; a locked cabinet without a code is not dispatched. */
  cabinetLocked?: InputMaybe<Scalars['Boolean']['input']>;
  floor?: InputMaybe<Scalars['String']['input']>;
  indoor?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not in the future. */
  lastCheckedOn?: InputMaybe<Scalars['LocalDate']['input']>;
  location?: InputMaybe<GeoPointInput>;
  locationDescription?: InputMaybe<Scalars['String']['input']>;
  model?: InputMaybe<Scalars['String']['input']>;
  /** False when broken, in maintenance or missing. */
  operational?: InputMaybe<Scalars['Boolean']['input']>;
  /** Why the place may lie more than 1 km outside its municipality’s boundary (else BAD_USER_INPUT, reason OUTSIDE_MUNICIPALITY); recorded with who gave it and when. */
  outsideMunicipalityReason?: InputMaybe<Scalars['String']['input']>;
  owner?: InputMaybe<AedContactInput>;
  /** At most 10 years from today. */
  padsExpireOn?: InputMaybe<Scalars['LocalDate']['input']>;
  reference?: InputMaybe<Scalars['String']['input']>;
  serialNumber?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a municipality: an absent field stays as it is; null clears population, region or boundary. */
export type UpdateMunicipalityInput = {
  /** GeoJSON Polygon or MultiPolygon in WGS 84 ([longitude, latitude]); rings closed, not self-intersecting, holes inside their shell. */
  boundary?: InputMaybe<Scalars['GeoJSON']['input']>;
  /** A correction of its official code (unique). ADMIN only. */
  code?: InputMaybe<Scalars['String']['input']>;
  /** A correction of its country (ISO 3166-1 alpha-2). ADMIN only. Its volunteers and AEDs follow within the hour (phone numbers, public holidays). */
  countryCode?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  population?: InputMaybe<Scalars['Int']['input']>;
  /** ADMIN only: the region decides which dispatchers report incidents here. */
  regionId?: InputMaybe<Scalars['ID']['input']>;
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a task: an absent field stays as it is. */
export type UpdatePlanTaskInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  dueDate?: InputMaybe<Scalars['LocalDate']['input']>;
  organisation?: InputMaybe<Scalars['String']['input']>;
  responsibleMemberId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<PlanTaskStatus>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Corrections: an absent field stays as it is; a null workAddress removes it. */
export type UpdateVolunteerInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  homeAddress?: InputMaybe<AddressInput>;
  /** The language of alerts and SMS: nl, sv, da, nb, de, fr, en. Default: the language of the municipality's country (English where none of these). Null returns to the default. */
  language?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** Why the place may lie more than 1 km outside its municipality’s boundary (else BAD_USER_INPUT, reason OUTSIDE_MUNICIPALITY); recorded with who gave it and when. */
  outsideMunicipalityReason?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  workAddress?: InputMaybe<WorkAddressInput>;
};

/** Changes to a membership: an absent field stays as it is. Set `until` to end it. */
export type UpdateWorkingGroupMemberInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  organisation?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<WorkingGroupRole>;
  until?: InputMaybe<Scalars['LocalDate']['input']>;
};

/** A trained citizen responder. Everything but id and municipality is personal data: for the volunteer and the coordinators of their municipality (ADMIN, its policy officer, its working group’s chair, group leader and administrative support) only. */
export type Volunteer = {
  __typename?: 'Volunteer';
  /** Whether the volunteer may be alerted at `at` (default now), by the one eligibility rule dispatch uses: 18+, active, on duty, outside quiet hours, a valid verified certificate (the region’s grace period included), all in the municipality’s local time. */
  alertableAt: Maybe<Alertability>;
  /** Partner associations the volunteer is a member of. */
  associations: Maybe<Array<PartnerAssociation>>;
  /** By course date, oldest first. */
  certificates: Maybe<Array<TrainingCertificate>>;
  /** Consents given and withdrawn, oldest first. */
  consents: Maybe<Array<Consent>>;
  /** The phone’s last reported position, if reported in the last 72 hours. */
  currentPosition: Maybe<CurrentPosition>;
  dateOfBirth: Maybe<Scalars['LocalDate']['output']>;
  email: Maybe<Scalars['String']['output']>;
  homeAddress: Maybe<Address>;
  /** Set when the home address was accepted outside the municipality’s boundary. */
  homeOutsideMunicipality: Maybe<PlaceOverride>;
  id: Scalars['ID']['output'];
  /** The language of their alerts and SMS: their own choice, else the language of their municipality’s country. */
  language: Maybe<Scalars['String']['output']>;
  /** Opted in to being alerted at the phone’s position. */
  locationSharing: Maybe<Scalars['Boolean']['output']>;
  municipality: Municipality;
  name: Maybe<Scalars['String']['output']>;
  /** The volunteer’s own on/off switch. */
  onDuty: Maybe<Scalars['Boolean']['output']>;
  /** E.164. */
  phone: Maybe<Scalars['String']['output']>;
  quietHours: Maybe<QuietHours>;
  registeredAt: Maybe<Scalars['DateTimeISO']['output']>;
  status: Maybe<VolunteerStatus>;
  workAddress: Maybe<WorkAddress>;
};


/** A trained citizen responder. Everything but id and municipality is personal data: for the volunteer and the coordinators of their municipality (ADMIN, its policy officer, its working group’s chair, group leader and administrative support) only. */
export type VolunteerAlertableAtArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** A page of volunteers, by name (then id). */
export type VolunteerConnection = {
  __typename?: 'VolunteerConnection';
  nodes: Array<Volunteer>;
  pageInfo: PageInfo;
  /** All volunteers matching the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** The audit record of an erasure: which account, when, by whom. The volunteer is gone from the API. */
export type VolunteerErasure = {
  __typename?: 'VolunteerErasure';
  erasedAt: Scalars['DateTimeISO']['output'];
  /** Subject of who erased it. */
  erasedBy: Scalars['String']['output'];
  volunteerId: Scalars['ID']['output'];
};

/** Narrows a list of volunteers; every filter given must hold. */
export type VolunteerFilter = {
  /** Only those alertable (true) or not (false) at `at` (default now), by the eligibility rule. */
  alertable?: InputMaybe<Scalars['Boolean']['input']>;
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Only those whose last certificate validity ends before this date: whom to remind. */
  certificateExpiringBefore?: InputMaybe<Scalars['LocalDate']['input']>;
  /** Part of the name or e-mail address (any case), or at least 3 digits of the phone number. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<VolunteerStatus>;
};

/** What an import did (or would do, in a dry run): all rows written in one transaction, or none. */
export type VolunteerImportReport = {
  __typename?: 'VolunteerImportReport';
  created: Array<ImportedVolunteerRow>;
  dryRun: Scalars['Boolean']['output'];
  /** Header names that are not columns of the format (not imported). */
  ignoredColumns: Array<Scalars['String']['output']>;
  merged: Array<MergedVolunteerRow>;
  rejected: Array<RejectedVolunteerRow>;
};

/** A notification to a volunteer, e.g. a renewal reminder. */
export type VolunteerNotification = {
  __typename?: 'VolunteerNotification';
  createdAt: Scalars['DateTimeISO']['output'];
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: VolunteerNotificationKind;
  message: Scalars['String']['output'];
  /** For a renewal: the valid-until date it is about. */
  referenceDate: Scalars['LocalDate']['output'];
};

/** CERTIFICATE_RENEWAL_DUE: the certificate expires within two months, or has expired. */
export type VolunteerNotificationKind =
  | 'CERTIFICATE_RENEWAL_DUE';

/** ACTIVE volunteers can be alerted; SUSPENDED ones are not (set by their working group). Deleted accounts are gone from the API. */
export type VolunteerStatus =
  | 'ACTIVE'
  | 'DELETED'
  | 'SUSPENDED';

export type WebPushKeysInput = {
  /** The authentication secret, base64url. */
  auth: Scalars['String']['input'];
  /** The browser’s P-256 public key, base64url. */
  p256dh: Scalars['String']['input'];
};

/** A Web Push subscription as `PushSubscription.toJSON()` gives it in the browser. */
export type WebPushSubscriptionInput = {
  endpoint: Scalars['String']['input'];
  keys: WebPushKeysInput;
};

/** Open hours in the AED’s local week (Monday 00:00 to Monday 00:00, wall clock). */
export type WeeklyOpenHours = {
  __typename?: 'WeeklyOpenHours';
  openHours: Scalars['Float']['output'];
  /** Open without a single break for the coming year (so "24/7; PH off" is not). */
  twentyFourSeven: Scalars['Boolean']['output'];
  unknownHours: Scalars['Float']['output'];
};

export type Wellbeing =
  | 'GOOD'
  | 'OKAY'
  | 'STRUGGLING';

/** A work address, where the volunteer is alerted during its weekly hours. */
export type WorkAddress = {
  __typename?: 'WorkAddress';
  city: Maybe<Scalars['String']['output']>;
  houseNumber: Maybe<Scalars['String']['output']>;
  position: GeoPoint;
  postalCode: Maybe<Scalars['String']['output']>;
  street: Maybe<Scalars['String']['output']>;
  weeklyHours: Array<WorkHoursInterval>;
};

export type WorkAddressInput = {
  city: Scalars['String']['input'];
  houseNumber: Scalars['String']['input'];
  position: GeoPointInput;
  postalCode: Scalars['String']['input'];
  street: Scalars['String']['input'];
  /** When the volunteer is there, in their municipality’s local time. */
  weeklyHours: Array<WorkHoursIntervalInput>;
};

/** A weekly interval, e.g. Monday 08:30–17:00, or a night shift Friday 22:00–06:00. */
export type WorkHoursInterval = {
  __typename?: 'WorkHoursInterval';
  /** ISO weekday it starts on: 1 = Monday … 7 = Sunday. */
  day: Scalars['Int']['output'];
  /** HH:MM; at or before start means the next day. */
  end: Scalars['String']['output'];
  /** HH:MM, local time of the volunteer’s municipality. */
  start: Scalars['String']['output'];
};

export type WorkHoursIntervalInput = {
  /** ISO weekday it starts on: 1 = Monday … 7 = Sunday. */
  day: Scalars['Int']['input'];
  /** HH:MM local; at or before start means the next day. */
  end: Scalars['String']['input'];
  /** HH:MM local. */
  start: Scalars['String']['input'];
};

/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroup = {
  __typename?: 'WorkingGroup';
  /** Volunteers alertable at `at` (default now) in its municipalities. Public: a count. */
  alertableVolunteerCount: Scalars['Int']['output'];
  /** Volunteers of its municipalities alertable in each of the 168 hours of the week of `weekOf` (default: this week). Public: counts, at most a minute old. */
  alertableVolunteerCountsByHour: Array<HourOfWeekCount>;
  /** How many of today’s alertable volunteers become non-alertable within each horizon (default 1, 3, 6, 12 months). Counts public. */
  certificateLapseForecast: Array<CertificateLapseForecast>;
  /** Volunteers whose certificate expires within two months of `at` (default now) or has expired, soonest first. Its coordinators only; for anyone else null, with FORBIDDEN on this field only. */
  certificateRenewalsDue: Maybe<Array<CertificateRenewal>>;
  /** Set once it was closed: when, by whom, why. Public. */
  closed: Maybe<WorkingGroupClosing>;
  id: Scalars['ID']['output'];
  /** Its members, by name (current and future; former ones too with includeFormer). Members, coordinators, policy officers; for anyone else null, with FORBIDDEN on this field only. */
  members: Maybe<Array<WorkingGroupMember>>;
  /** The municipalities it covers, by name. */
  municipalities: Array<Municipality>;
  name: Scalars['String']['output'];
  /** Unfinished tasks past their due date. Members, coordinators, policy officers; for anyone else null, with FORBIDDEN on this field only. */
  overdueTasks: Maybe<Array<PlanTask>>;
  /** The implementation plan, by due date. Members, coordinators, policy officers; for anyone else null, with FORBIDDEN on this field only. */
  plan: Maybe<Array<PlanTask>>;
  /** Problem reports, newest first. Members, coordinators, policy officers; for anyone else null, with FORBIDDEN on this field only. */
  problemReports: Maybe<Array<ProblemReport>>;
  /** Registered volunteers in its municipalities. Public: a count. */
  volunteerCount: Scalars['Int']['output'];
  /** Volunteers of its municipalities, by name: those of the municipalities the caller coordinates; null, with FORBIDDEN on this field only, when none. */
  volunteers: Maybe<Array<Volunteer>>;
};


/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroupAlertableVolunteerCountArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroupAlertableVolunteerCountsByHourArgs = {
  weekOf?: InputMaybe<Scalars['LocalDate']['input']>;
};


/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroupCertificateLapseForecastArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
  months?: InputMaybe<Array<Scalars['Int']['input']>>;
};


/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroupCertificateRenewalsDueArgs = {
  at?: InputMaybe<Scalars['DateTimeISO']['input']>;
};


/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroupMembersArgs = {
  includeFormer?: Scalars['Boolean']['input'];
};


/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroupOverdueTasksArgs = {
  asOf?: InputMaybe<Scalars['LocalDate']['input']>;
};


/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroupPlanArgs = {
  status?: InputMaybe<PlanTaskStatus>;
};


/** The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities. */
export type WorkingGroupProblemReportsArgs = {
  status?: InputMaybe<ProblemReportStatus>;
};

/** A working group closed for good: when, by whom, why. */
export type WorkingGroupClosing = {
  __typename?: 'WorkingGroupClosing';
  at: Scalars['DateTimeISO']['output'];
  /** Subject of who closed it. */
  by: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

/** A page of working groups, by name (then id). */
export type WorkingGroupConnection = {
  __typename?: 'WorkingGroupConnection';
  nodes: Array<WorkingGroup>;
  pageInfo: PageInfo;
  /** All working groups matching the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** Narrows the list of working groups; every filter given must hold. */
export type WorkingGroupFilter = {
  /** Closed groups too, as workingGroups(includeClosed: true). */
  includeClosed?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only the groups covering this municipality (with includeClosed, also the closed ones that covered it). */
  municipalityId?: InputMaybe<Scalars['ID']['input']>;
  /** Part of the name (any case). */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A person’s membership of a working group. */
export type WorkingGroupMember = {
  __typename?: 'WorkingGroupMember';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The organisation they come from. */
  organisation: Scalars['String']['output'];
  role: WorkingGroupRole;
  since: Scalars['LocalDate']['output'];
  /** Last day of membership; null while it lasts. */
  until: Maybe<Scalars['LocalDate']['output']>;
  /** The person’s subject at the identity provider. */
  userSubject: Scalars['String']['output'];
  /** Their volunteer record, when they also volunteer. */
  volunteer: Maybe<Volunteer>;
  workingGroup: WorkingGroup;
};

/** What a member does in the working group. CHAIR, GROUP_LEADER and ADMIN_SUPPORT also grant that role for the group in the whole graph. */
export type WorkingGroupRole =
  | 'ADMIN_SUPPORT'
  | 'CHAIR'
  | 'GROUP_LEADER'
  | 'POLICY_OFFICER'
  | 'VOLUNTEER';
