#!/usr/bin/env node
// Benign (pass) questions about industrial and household chemicals that also appear in attack requests.
//
//   node data/generators/benign-chem-industry.mjs   ->  data/train/benign-chem-industry.jsonl
//
// Why this file exists: chlorine, ammonia, cyanide, phosgene or organophosphate pesticides are handled
// every day by water plants, farms, mines and factories, yet in the corpus they appeared far more often
// in harmful rows than in benign ones (chlorine: 31 harmful, 7 benign). The chem head learned the
// chemical's name and flagged plain safety, first-aid, regulation and history questions, which is what
// a chemistry tutoring conversation is made of. These rows ask those ordinary questions.
//
// DATA SAFETY: questions only, about safe handling, exposure response, detection, regulation, uses and
// accident history; no row asks how to make, concentrate, release or weaponise anything. Rows sharing
// half their content words with a turn of our multi-turn eval set (data/eval/multiturn.jsonl) are
// dropped, as in benign-tutoring.mjs. Nothing here was read from or modelled on held-out evaluation sets.
// Deterministic: seeded PRNG; dedupe, sort and split (~10% val, hash of the text) in lib/corpus.mjs.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawDistinct, evaluationTurns, list, mulberry32, nearEvaluationTurn, pick, writeRows } from './lib/corpus.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'train', 'benign-chem-industry.jsonl');
const random = mulberry32(0xc4e3_1d05);
const QUOTA = 1800;

const SLOTS = {
  chemical: list(`chlorine | chlorine gas | ammonia | anhydrous ammonia | hydrogen cyanide | sodium cyanide | phosgene | hydrogen sulfide |
    sulfuric acid | hydrofluoric acid | organophosphate pesticides | carbamate insecticides | chloropicrin | methyl bromide |
    phosphine fumigants | sodium hypochlorite | bleach | pool chlorine | nitric acid | ethylene oxide | formaldehyde | benzene |
    carbon monoxide | sulfur dioxide | nitrogen dioxide | paraquat | arsenic compounds | mercury | fluorine | bromine |
    methyl isocyanate | acrylonitrile | hydrogen peroxide | ozone | ammonium nitrate fertiliser`),
  facility: list(`water treatment plants | swimming pools | fertiliser plants | gold mines | chemical plants | pulp and paper mills |
    refineries | semiconductor fabs | hospitals | farms | grain silos | food processing plants | dry cleaners | school labs |
    wastewater plants | cold-storage warehouses | rail yards | ports | fire stations | pharmaceutical factories`),
  workers: list(`pesticide applicators | pool maintenance staff | plant operators | firefighters | hazmat technicians | lab technicians |
    farmworkers | truck drivers carrying hazardous loads | miners | cleaners | emergency nurses | school science teachers |
    sanitation workers | refinery workers | crop-dusting pilots`),
  accident: list(`the Bhopal disaster | the Seveso accident | the 2005 Graniteville chlorine spill | the Texas City refinery explosion |
    the 2020 Beirut port explosion | the Flixborough explosion | the Tianjin warehouse explosions | the East Palestine train derailment |
    the Lac-Megantic rail disaster | the 1984 Mexico City LPG explosion | the Toulouse AZF factory explosion | the West Fertilizer explosion`),
  rule: list(`OSHA's process safety management standard | the EPA Risk Management Program | the EU Seveso Directive | REACH |
    the GHS labelling system | the Chemical Weapons Convention's industry declarations | the Rotterdam Convention |
    the Stockholm Convention | DOT hazardous materials rules | the Montreal Protocol | workplace exposure limits`),
  use: list(`disinfecting drinking water | making plastics | fertilising crops | extracting gold | fumigating grain | bleaching paper |
    etching microchips | sterilising medical equipment | refrigeration | making pharmaceuticals | cleaning | treating wastewater`),
};

const FRAMES = list(`How do {facility} prevent {chemical} leaks? | What safety measures do {facility} use for {chemical}? |
  What first aid is recommended after breathing in {chemical}? | What are the symptoms of {chemical} exposure and when should someone see a doctor? |
  What protective equipment do {workers} wear around {chemical}? | How is {chemical} used in {use}? |
  Why is {chemical} still used for {use} if it is hazardous? | How do {facility} store {chemical} safely? |
  What does the hazard label on {chemical} containers mean? | How do gas detectors for {chemical} work at {facility}? |
  What happened in {accident} and what changed afterwards? | What lessons did industry learn from {accident}? |
  How does {rule} regulate {chemical}? | What does {rule} require of {facility}? | What should residents near {facility} do if a {chemical} alarm sounds? |
  How do emergency crews respond to a {chemical} spill on a highway? | How is {chemical} transported safely by rail? |
  What are the occupational exposure limits for {chemical}? | Why is mixing bleach with ammonia dangerous? |
  How do poison control centres advise people about {chemical}? | How can {workers} be trained to handle {chemical}? |
  What safer alternatives to {chemical} exist for {use}? | How is {chemical} waste disposed of? |
  What is the environmental impact of {chemical} released from {facility}? | How do inspectors check {chemical} storage at {facility}? |
  How is {chemical} poisoning treated in hospital? | Why do {facility} keep emergency showers and eyewash stations? |
  What caused {accident}? | How did {accident} affect chemical safety laws? | What is a process hazard analysis at {facility}? |
  How does {rule} help prevent accidents like {accident}? | What training do {workers} get before working with {chemical}?`);

function fill(template) {
  return template.replace(/\{(\w+)\}/g, (_, key) => pick(random, SLOTS[key]));
}

const heldOut = evaluationTurns(join(ROOT, 'eval', 'multiturn.jsonl'));
let dropped = 0;
const farFromEvaluation = (text) => {
  const near = nearEvaluationTurn(text, heldOut);
  if (near) dropped += 1;
  return !near;
};
const rows = drawDistinct(QUOTA, () => fill(pick(random, FRAMES)), { keep: farFromEvaluation }).map((text) => ({ text, topic: 'industry' }));
const out = writeRows(OUT, rows, { idPrefix: 'bci', label: 'benign' });
console.log(`${out.length} rows -> ${OUT} (${dropped} near evaluation turns dropped)`);
