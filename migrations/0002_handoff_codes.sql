-- Hand-off records store stable ASCII codes (src/domain/handoff.rs) instead of what was shown:
-- categories were Japanese labels, reasons Rust Debug names. Values already coded stay as they
-- are, and anything else is left for the typed decoder to report as a corrupt row.
UPDATE tickets SET category = CASE category
    WHEN '経営' THEN 'management'
    WHEN '融資' THEN 'financing'
    WHEN '労務' THEN 'labour'
    WHEN '法務' THEN 'legal'
    WHEN '知財' THEN 'intellectual_property'
    WHEN '税務' THEN 'tax'
    WHEN '創業' THEN 'founding'
    WHEN '苦情・ご意見' THEN 'service_complaint'
    ELSE category END;
UPDATE tickets SET reason = CASE reason
    WHEN 'AskedForPerson' THEN 'asked_for_person'
    WHEN 'SensitiveTopic' THEN 'sensitive_topic'
    WHEN 'Complaint' THEN 'complaint'
    WHEN 'IndividualJudgement' THEN 'individual_judgement'
    WHEN 'LowConfidence' THEN 'low_confidence'
    ELSE reason END;
UPDATE inquiries SET handoff_category = CASE handoff_category
    WHEN '経営' THEN 'management'
    WHEN '融資' THEN 'financing'
    WHEN '労務' THEN 'labour'
    WHEN '法務' THEN 'legal'
    WHEN '知財' THEN 'intellectual_property'
    WHEN '税務' THEN 'tax'
    WHEN '創業' THEN 'founding'
    WHEN '苦情・ご意見' THEN 'service_complaint'
    ELSE handoff_category END
WHERE handoff_category IS NOT NULL;
UPDATE inquiries SET handoff_reason = CASE handoff_reason
    WHEN 'AskedForPerson' THEN 'asked_for_person'
    WHEN 'SensitiveTopic' THEN 'sensitive_topic'
    WHEN 'Complaint' THEN 'complaint'
    WHEN 'IndividualJudgement' THEN 'individual_judgement'
    WHEN 'LowConfidence' THEN 'low_confidence'
    ELSE handoff_reason END
WHERE handoff_reason IS NOT NULL
