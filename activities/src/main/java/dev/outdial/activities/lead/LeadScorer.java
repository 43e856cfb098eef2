package dev.outdial.activities.lead;

import com.fasterxml.jackson.databind.JsonNode;

/** Scores a finished call as a lead from its transcript and Bolna's extracted data. */
public interface LeadScorer {

  LeadScore score(String transcript, JsonNode extractedData);
}
