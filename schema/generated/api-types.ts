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
};

/** An automated external defibrillator. */
export type Aed = {
  __typename?: 'Aed';
  id: Scalars['ID']['output'];
  location: GeoPoint;
  /** Where exactly, e.g. "left of the entrance of the sports hall". */
  locationDescription: Scalars['String']['output'];
  municipality: Municipality;
};

/** An alert sent to one volunteer. */
export type Alert = {
  __typename?: 'Alert';
  /** The AED to fetch, if any. */
  aed: Maybe<Aed>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Delivery cursor: pass the last one received as `after` when resubscribing. */
  cursor: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: AlertKind;
  message: Scalars['String']['output'];
  volunteer: Volunteer;
};

export type AlertKind =
  | 'TEST';

export type CreateMunicipalityInput = {
  code: Scalars['String']['input'];
  countryCode?: Scalars['String']['input'];
  name: Scalars['String']['input'];
  population?: InputMaybe<Scalars['Int']['input']>;
  timeZone?: Scalars['String']['input'];
};

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

/** A municipality taking part in the programme. */
export type Municipality = {
  __typename?: 'Municipality';
  /** Registered AEDs in this municipality. Public. */
  aedCount: Scalars['Int']['output'];
  /** Official municipality code, e.g. GM0363. */
  code: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code, used for public holidays. */
  countryCode: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  population: Maybe<Scalars['Int']['output']>;
  /** IANA time zone, used for local time. */
  timeZone: Scalars['String']['output'];
  /** Registered volunteers in this municipality. Public (a count, no personal data). */
  volunteerCount: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Registers a municipality. ADMIN only. */
  createMunicipality: Municipality;
  /** Registers an AED. ADMIN only. */
  registerAed: Aed;
  /** Registers a volunteer. ADMIN only. */
  registerVolunteer: Volunteer;
  /** Sends a test alert to a volunteer. ADMIN only. */
  sendTestAlert: Alert;
};


export type MutationCreateMunicipalityArgs = {
  input: CreateMunicipalityInput;
};


export type MutationRegisterAedArgs = {
  input: RegisterAedInput;
};


export type MutationRegisterVolunteerArgs = {
  input: RegisterVolunteerInput;
};


export type MutationSendTestAlertArgs = {
  aedId?: InputMaybe<Scalars['ID']['input']>;
  volunteerId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** One AED. Public: AED locations are published to save lives. */
  aed: Aed;
  /** Municipalities taking part, by name. Public. */
  municipalities: Array<Municipality>;
  /** One municipality. Public. */
  municipality: Municipality;
  /** A volunteer: themselves, or ADMIN. */
  volunteer: Volunteer;
};


export type QueryAedArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMunicipalityArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVolunteerArgs = {
  id: Scalars['ID']['input'];
};

export type RegisterAedInput = {
  location: GeoPointInput;
  locationDescription: Scalars['String']['input'];
  municipalityId: Scalars['ID']['input'];
};

export type RegisterVolunteerInput = {
  municipalityId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Alerts for one volunteer (themselves only), in order. Pass the last cursor received as `after` to receive what was missed while away. */
  myAlerts: Alert;
};


export type SubscriptionMyAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  volunteerId: Scalars['ID']['input'];
};

/** A trained citizen responder. */
export type Volunteer = {
  __typename?: 'Volunteer';
  id: Scalars['ID']['output'];
  municipality: Municipality;
  name: Scalars['String']['output'];
};
