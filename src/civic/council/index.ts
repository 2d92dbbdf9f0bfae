/** 居民议事会: council meetings and what they decide of many proposals at once. */
export * from './attendees.js';
export * from './council-refusal.js';
export * from './decide.js';
export * from './meetings.js';
export * from './minutes.js';
export * from './record-meeting.js';
