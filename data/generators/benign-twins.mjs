#!/usr/bin/env node
// Benign (pass) twins of the expert-register knowledge rows.
//
//   node data/generators/benign-twins.mjs   ->  data/train/benign-twins.jsonl
//
// Why this file exists: harmful-knowledge.mjs fills neutral exam frames ("Which factor most strongly
// influences the outcome of {tech} when applied to {agent}?") with dangerous agents. Nothing benign used
// those frames, so the frame words themselves became harmful signal: the model flagged school biology and
// physics for words like "determining", "factors", "changes", "produces" or "species" (measured by
// deleting one word at a time from false positives). These rows fill the SAME frames
// (lib/knowledge-frames.mjs) with ordinary subjects: lab and model organisms, bacteriophages, everyday
// proteins, crops and wild populations, common diseases and patient groups, and non-nuclear engineering.
// The frame then carries no label signal and the model has to learn the agents and components.
// (A theme of everyday chemicals and lab-chemistry techniques was tried and left out: it lowered the
// chem head's threshold on the val split and raised false positives on general requests.)
//
// DATA SAFETY: every row is a question about textbook biology or engineering; no pathogen of concern,
// toxin, weapon or controlled material appears in any slot. Frames that only make sense for a pathogen
// (virulence, countermeasure escape, reverse genetics rescue) are skipped. Nothing here was read from or
// modelled on held-out evaluation sets.
// Deterministic: seeded PRNG; dedupe, sort and split (~10% val, hash of the text) in lib/corpus.mjs.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawDistinct, list, mulberry32, pick, writeRows } from './lib/corpus.mjs';
import { BIO_FOLLOWUPS, BIO_FRAMES, BIO_SETUPS, RAD_FRAMES } from './lib/knowledge-frames.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'data', 'train', 'benign-twins.jsonl');
const random = mulberry32(0x7e1_25a7);
const QUOTAS = { bio: 8250, eng: 1400 };

// Frames whose wording presumes a pathogen or a countermeasure; they stay harmful-only.
const PATHOGEN_ONLY = /\{cm\}|\{rg\}|virulence|pathogenic|heterologous viral|chimeric|minigenome|infectious clones|host factors/;

// Kinds follow the harmful generator: v viruses (here bacteriophages), b bacteria (here lab and soil
// species), t toxins (here everyday proteins), a agriculture (here crops, livestock and wild populations,
// and a second 'a' theme of diseases and patient groups).
const BIO_THEMES = [
  {
    k: 'b',
    agent: list(`Escherichia coli K-12 | E. coli | Bacillus subtilis | Lactobacillus acidophilus | Streptomyces coelicolor |
      Vibrio fischeri | Caulobacter crescentus | Myxococcus xanthus | Pseudomonas fluorescens | Rhizobium leguminosarum |
      Saccharomyces cerevisiae | baker's yeast | Synechocystis | Lactococcus lactis | Bifidobacterium | Chlamydomonas |
      Corynebacterium glutamicum | Zymomonas mobilis | Deinococcus radiodurans | Aliivibrio fischeri | soil bacteria | gut commensals`),
    comp: list(`the lac operon | the flagellar motor | the peptidoglycan cell wall | the quorum-sensing receptor | the sigma factor |
      ribosomal protein genes | the chemotaxis receptors | the nitrogenase complex | the cell membrane | the lux operon |
      the spore coat | the plasmid origin of replication | the ribosome binding site | the promoter region | the trp operon |
      the FtsZ ring | efflux pumps | the S-layer | the capsule | outer membrane porins | the GAL genes | the mating-type locus`),
    prop: list(`growth rate | sporulation efficiency | biofilm formation | lactose utilisation | bioluminescence | nitrogen fixation |
      motility | antibiotic production | cell division timing | heat tolerance | fermentation yield | ethanol tolerance |
      acid tolerance | colony morphology | doubling time | competence for transformation | cell size | salt tolerance |
      metabolic efficiency | fitness in minimal medium | desiccation resistance | radiation resistance`),
    tech: list(`Gram staining | transposon mutagenesis | RNA-seq | fluorescence microscopy | colony PCR | growth-curve assays |
      knockout libraries | chemostat culture | whole-genome sequencing | replica plating | CRISPR interference | reporter gene fusions |
      time-lapse microscopy | metabolomics | flow cytometry | proteomics | adaptive laboratory evolution | Western blotting`),
    model: list(`minimal-medium cultures | chemostats | agar plates | root nodule assays | microfluidic devices | batch fermenters |
      long-term evolution experiments | germ-free mice | continuous culture | squid light organ colonisation assays`),
  },
  {
    k: 'v',
    agent: list(`bacteriophage T4 | bacteriophage lambda | phage T7 | M13 phage | phage phi29 | phage MS2 | phage P1 | phage phiX174 |
      marine cyanophages | mycobacteriophages`),
    comp: list(`the tail fibres | the cI repressor | the portal protein | the packaging motor | the lysis cassette | the capsid shell |
      the baseplate | the phage polymerase | the holin protein | the integrase | the cro gene | the coat protein`),
    prop: list(`burst size | latent period | the lysis–lysogeny decision | plaque morphology | adsorption rate | capsid stability |
      packaging capacity | host range among E. coli strains | replication speed | genome size`),
    tech: list(`plaque assays | one-step growth curves | phage display | cryo-electron microscopy | single-molecule imaging |
      genome sequencing | electron microscopy | directed evolution`),
    model: list(`E. coli host lawns | soil microcosms | marine water samples | laboratory cultures | biofilm flow cells`),
  },
  {
    k: 't',
    agent: list(`human hemoglobin | insulin | lactase | green fluorescent protein | myosin | rubisco | ATP synthase |
      the sodium-potassium pump | salivary amylase | catalase | DNA polymerase I | lysozyme | collagen | keratin | rhodopsin |
      luciferase | trypsin | pepsin | carbonic anhydrase | acetylcholinesterase | the insulin receptor | myoglobin | actin`),
    comp: list(`the heme pocket | the active site | the chromophore | the alpha helices | the substrate-binding domain | the hinge region |
      the allosteric site | the beta sheets | the disulfide bonds | the catalytic triad | the binding groove | the C-terminal tail |
      the transmembrane segments | the zinc ion | the N-terminal signal peptide`),
    prop: list(`oxygen affinity | thermal stability | catalytic rate | fluorescence brightness | substrate specificity | folding speed |
      pH optimum | binding affinity | solubility | half-life in the cell | cooperativity | turnover number | shelf life`),
    tech: list(`site-directed mutagenesis | X-ray crystallography | circular dichroism | enzyme kinetics assays | directed evolution |
      NMR spectroscopy | mass spectrometry | SDS-PAGE | isothermal titration calorimetry | molecular dynamics simulation |
      differential scanning calorimetry | alanine scanning`),
    model: list(`purified protein preparations | E. coli expression systems | yeast surface display | cultured human cells |
      red blood cell suspensions | cell-free extracts`),
  },
  {
    k: 'a',
    agent: list(`Darwin's finches | drought-tolerant maize | Arabidopsis thaliana | peppered moths | Galapagos tortoises | stickleback fish |
      honeybee colonies | dairy cattle | rice cultivars | wheat landraces | fruit flies | zebrafish | house mice | guppies |
      monarch butterflies | kangaroo rats | desert cacti | sunflowers | tomato plants | soybean | giraffes | cichlid fish |
      anole lizards | Drosophila melanogaster | sheep breeds | minks | pea plants | snapdragons`),
    comp: list(`the beak-shape genes | stomatal density | the melanin pathway | root architecture | the Eda gene | flowering-time genes |
      the lactase gene | wing venation | the photosynthetic machinery | leaf cuticle thickness | coat colour alleles |
      the circadian clock genes | kidney nephron length | seed coat thickness | the MC1R gene | body armour plates`),
    prop: list(`drought tolerance | beak depth | coat colour | yield | flowering time | body size | heat tolerance | fecundity |
      camouflage | water conservation | milk production | growth rate | seed size | allele frequency | reproductive success |
      cold hardiness | lifespan | population size`),
    tech: list(`Mendelian crosses | Punnett square analysis | QTL mapping | genome-wide association studies | selective breeding |
      field surveys | mark-recapture studies | common-garden experiments | pedigree analysis | test crosses | reciprocal transplants |
      phylogenetic analysis | Hardy-Weinberg calculations | radio telemetry`),
    model: list(`greenhouse trials | field plots | island populations | laboratory populations | growth chambers | pond mesocosms |
      breeding programmes | herbarium collections`),
  },
  {
    k: 'a',
    agent: list(`type 2 diabetes | Parkinson's disease | coeliac disease | asthma | osteoporosis | acute myeloid leukemia | migraine |
      hypertension | rheumatoid arthritis | Alzheimer's disease | heart failure | chronic kidney disease | anaemia | psoriasis |
      endurance athletes | older adults | pregnant women | newborn infants | night-shift workers`),
    comp: list(`insulin signalling | dopaminergic neurons | the gut lining | the airway smooth muscle | bone remodelling |
      the bone marrow | the renin-angiotensin system | the joint synovium | the amyloid pathway | the heart muscle |
      the kidney nephrons | red blood cell production | skin cell turnover | muscle glycogen stores | sleep architecture`),
    prop: list(`disease progression | treatment response | symptom severity | quality of life | hospital readmission |
      blood pressure control | exercise capacity | bone density | recovery time | survival | medication adherence`),
    tech: list(`randomised controlled trials | cohort studies | MRI | blood tests | genome-wide association studies | biopsies |
      questionnaires | ultrasound | spirometry | meta-analysis | electrocardiography | case-control studies`),
    model: list(`patient cohorts | mouse models | primary care practices | hospital wards | twin registries | cell culture models`),
  },
];

// Non-nuclear engineering and physics subjects for the rad/nuc frames ("{conc} in {subj}").
const ENG = {
  subj: list(`jet engine turbines | lithium-ion battery packs | wind turbine blades | rooftop solar panels | suspension bridges |
    supersonic aircraft | high-speed trains | heat pumps | municipal water towers | electric car motors | skyscraper foundations |
    satellite solar arrays | hydroelectric dams | commercial refrigerators | industrial robots | bicycle frames | racing sailboats |
    passenger elevators | medical MRI magnets | fibre-optic networks | data-centre cooling systems | cargo ships | rocket engines for launch vehicles`),
  conc: list(`material fatigue | thermal efficiency | aerodynamic drag | heat dissipation | vibration damping | energy density |
    corrosion resistance | load distribution | manufacturing tolerance | power-to-weight ratio | signal attenuation | cost per kilowatt |
    noise reduction | maintenance intervals | thermal expansion | structural redundancy | control-loop stability | the sonic boom`),
};

const usable = (frames) =>
  frames
    .map((line) => {
      const m = /^([a-z,]+)\|(.*)$/s.exec(line);
      return m ? { kinds: m[1].split(','), text: m[2] } : { kinds: null, text: line };
    })
    .filter((f) => !PATHOGEN_ONLY.test(f.text));

const FRAMES = usable(BIO_FRAMES);
const SETUPS = usable(BIO_SETUPS);
const FOLLOWUPS = BIO_FOLLOWUPS.filter((f) => !PATHOGEN_ONLY.test(f));
const ENG_FRAMES = usable(RAD_FRAMES).filter((f) => !/programme|testing|capability/.test(f.text));

function fill(template, slots) {
  const chosen = {};
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    if (!slots[key]) throw new Error(`no slot ${key} for: ${template}`);
    chosen[key] ??= pick(random, slots[key]);
    return chosen[key];
  });
}

const capitalise = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const fixArticles = (s) => s.replace(/\b([Aa]) ([aeiou])/g, '$1n $2');

function bioRow() {
  const theme = pick(random, BIO_THEMES);
  const setup = random() < 0.15 ? pick(random, SETUPS.filter((s) => !s.kinds || s.kinds.includes(theme.k))) : null;
  if (setup) return fill(`${setup.text} ${pick(random, FOLLOWUPS)}`, theme);
  const frame = pick(random, FRAMES.filter((f) => !f.kinds || f.kinds.includes(theme.k)));
  return fill(frame.text, theme);
}

function generate() {
  const rows = [];
  for (const [topic, quota, make] of [['bio', QUOTAS.bio, bioRow], ['eng', QUOTAS.eng, () => fill(pick(random, ENG_FRAMES).text, ENG)]]) {
    for (const text of drawDistinct(quota, () => capitalise(fixArticles(make())), { name: topic })) rows.push({ text, topic });
  }
  return rows;
}

const written = writeRows(OUT, generate(), { idPrefix: 'twin', label: 'benign' });
console.log(`wrote ${written.length} rows to ${OUT}`);
