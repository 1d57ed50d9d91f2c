-- 064_exam_review: Moodle's review options and quiz password, in the
-- shape PHASE2 §(c) asks: after finishing, what a candidate sees of the
-- attempt, and a venue code the invigilator announces at a supervised
-- venue (an attempt starts only with it).

ALTER TABLE exams
  ADD review ENUM('score','answers','after_close') NOT NULL DEFAULT 'score'
    COMMENT 'after finishing: the score only; every question with the right answer; that, once the exam has closed',
  ADD venue_code VARCHAR(40) NULL COMMENT 'required to start an attempt when set (announced at the venue)';
