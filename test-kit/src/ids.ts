// The ids the tests use: the account and app of the official examples, the session, participant
// and peer of the spec's examples. Tests import them from here, so that a fixture and a call agree;
// code that runs outside the test run writes them out instead (the examples, the bench, the demo,
// the fake's defaults, and the script a release check installs as a user would).
export const ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
export const APP = "4f1d2b9c8e7a6d5c4b3a291807f6e5d4";
export const SESSION = "8d5a4b6e-2f1c-4e3b-9a7d-6c5b4a3f2e1d";
export const PARTICIPANT = "51fdf95f-d893-471a-922b-7db7adb14453";
export const PEER = "51fdf95f-d893-471a-922b-7db7adb14453";
