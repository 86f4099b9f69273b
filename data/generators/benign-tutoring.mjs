#!/usr/bin/env node
// data/generators/benign-tutoring.mjs: benign (pass) rows in the register of a science TUTORING chat.
//
//   node data/generators/benign-tutoring.mjs   ->  data/train/benign-tutoring.jsonl
//
// Why this file exists: the other benign files are mostly exam stems and one-off requests. Students,
// teachers, clinicians and policy people talk to a model in short conversational turns ("How do
// catalysts speed up reactions?", "Why is chlorine added to tap water?"), and the classifier flagged
// such turns on the chemistry and biosecurity-policy subjects that share words with attack requests.
// One row per turn; topics follow the policy's harmless categories (policy/default.yaml `harmless`):
// biology/microbiology/immunology education, chemistry education and lab safety, clinical medicine and
// toxicology, biosafety, nuclear energy/medicine/radiation protection, arms-control history and policy.
//
// DATA SAFETY: every row is a REQUEST at textbook, classroom or public-policy level. No row asks for or
// contains a procedure, quantity, condition, agent-specific enhancement or anything actionable.
// Nothing here was copied from held-out evaluation sets (../shared/data/dev) or from our own
// multi-turn evaluation set (data/eval/multiturn.jsonl); a check below drops any row that shares half
// its content words with a turn of the latter.
// Deterministic: seeded PRNG; dedupe, sort and split (~10% val, hash of the text) in lib/corpus.mjs.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluationTurns, list, mulberry32, nearEvaluationTurn, pick, writeRows } from './lib/corpus.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'train', 'benign-tutoring.jsonl');
const SEED = 0x7a70_c0de;
const PER_TOPIC = 260;

// Each topic: concepts (noun phrases for the generic frames), questions (whole questions), pairs
// (for "difference between" frames) and the people who typically ask.
const TOPICS = {
  chem: {
    concepts: list(`reaction rates | activation energy | catalysts | enzymes as biological catalysts | chemical equilibrium |
      Le Chatelier's principle | oxidation and reduction | redox reactions | pH | buffer solutions | acids and bases | titration curves |
      indicators like phenolphthalein | electrolysis | galvanic cells | how batteries store energy | fuel cells | combustion |
      exothermic and endothermic reactions | enthalpy | entropy | Gibbs free energy | covalent bonding | ionic bonding |
      hydrogen bonding | intermolecular forces | molecular polarity | solubility rules | recrystallization | simple distillation |
      paper chromatography | thin layer chromatography | infrared spectroscopy | mass spectrometry | NMR spectroscopy |
      periodic trends | electronegativity | isotopes | the mole concept | stoichiometry | limiting reagents | percent yield |
      the ideal gas law | Boyle's law | phase diagrams | vapour pressure | colligative properties | polymers | addition polymerization |
      plastic recycling codes | how soap removes grease | surfactants | rusting of iron | galvanization | alloys | the Haber process |
      fertiliser production | catalytic converters | ozone layer chemistry | acid rain | water hardness | chlorination of drinking water |
      fluoridation of water | desalination by reverse osmosis | the chemistry of photosynthesis | the Maillard reaction | caramelization |
      emulsions | functional groups in organic chemistry | structural isomers | chirality | esters and fruity smells |
      the history of aspirin | green chemistry principles | nanomaterials | graphene | electroplating | flame tests |
      half-equations | balancing chemical equations | reaction mechanisms | nucleophiles and electrophiles | SN1 and SN2 reactions |
      aromaticity | carbon dating chemistry | the chemistry of fireworks colours | baking soda and vinegar | why ice floats |
      heat capacity of water | dissolving versus melting | concentration units | serial dilution in a school lab | Avogadro's number`),
    questions: list(`How do catalysts lower activation energy? | Why does increasing temperature speed up most reactions? |
      Why does powdered sugar dissolve faster than a sugar cube? | What makes a reaction reversible? | How do enzymes differ from industrial catalysts? |
      Why is platinum used in catalytic converters? | What happens to the catalyst at the end of a reaction? | Why do some reactions need a spark to start? |
      How does a buffer resist changes in pH? | Why is pure water neutral? | What does a pH of 2 actually mean? |
      Why are noble gases so unreactive? | Why does salt lower the freezing point of water? | Why does rust form faster near the sea? |
      How does chlorine kill germs in swimming pools? | Why do water companies add chlorine after filtering? | What is chloramine and why do some cities use it? |
      How is tap water tested for safety? | Why does bleach smell like a swimming pool? | Why shouldn't cleaning products be mixed at home? |
      How does a fire extinguisher put out different kinds of fires? | Why do batteries lose capacity in the cold? | How does a lithium-ion battery work? |
      Why is the Haber process so important for feeding the world? | How do chemical plants monitor for leaks? | What does a process safety engineer do? |
      How do chemical plants keep workers safe? | What is a safety data sheet for? | What do the GHS hazard symbols mean? |
      How should chemicals be stored in a school lab? | What should I do if I spill an acid in the lab? | Why do we add acid to water and not the reverse? |
      Why do labs have fume hoods? | What PPE is standard in an undergraduate chemistry lab? | How do eyewash stations work? |
      Why is mercury no longer used in thermometers? | Why is lead no longer added to petrol? | What makes some plastics biodegradable? |
      How do fireworks get their colours? | Why does a candle flame go out under a jar? | What is the difference in energy between burning wood and gas? |
      How did Mendeleev organise the periodic table? | Why do elements in the same group behave similarly? | How is carbon dioxide captured from the air? |
      What is ocean acidification? | How do scientists measure air pollution? | What do hazmat teams do at a chemical spill? |
      How do emergency responders know which chemical was released in an accident? | What is the role of the Chemical Safety Board? |
      Why did the Bhopal disaster happen? | What lessons did industry learn from Bhopal? | How does chromatography separate ink colours? |
      Why does my chemistry teacher keep talking about moles? | How can I get better at balancing equations? | What careers use analytical chemistry?`),
    pairs: list(`an element and a compound | a mixture and a compound | ionic and covalent bonds | exothermic and endothermic reactions |
      a catalyst and an inhibitor | oxidation and reduction | strong and weak acids | concentrated and strong acids | distillation and evaporation |
      accuracy and precision | atomic number and mass number | alkanes and alkenes | thermoplastics and thermosets | chlorine and chloramine disinfection`),
    askers: list(`I'm a high school chemistry student | I'm a first-year chemistry undergrad | I teach GCSE chemistry | I'm a homeschooling parent |
      I'm studying for the MCAT | I work at a water treatment plant | I'm a science journalist | I'm a new lab technician | I'm tutoring my nephew`),
  },
  micro: {
    concepts: list(`fermentation | how yogurt is made | how sourdough starters work | pasteurisation | sterilisation versus disinfection |
      autoclaves | hand hygiene | how antibiotics work | antibiotic resistance | probiotics | the gut microbiome | bacterial growth curves |
      agar plates in a school lab | Gram staining | light microscopy | binary fission | bacterial spores in soil | the difference between viruses and bacteria |
      how viruses replicate in general | the common cold | seasonal influenza | food poisoning prevention | safe home canning |
      refrigeration and food safety | biofilms | quorum sensing | nitrogen-fixing bacteria | decomposition and composting |
      wastewater treatment microbes | bacteriophages | phage therapy | the germ theory of disease | Koch's postulates |
      Louis Pasteur's experiments | Alexander Fleming and penicillin | the human microbiome project | microbial ecology | extremophiles |
      CRISPR as a bacterial immune system | plasmids in teaching labs | the PCR test in diagnostics | rapid antigen tests |
      how outbreaks are investigated | epidemic curves | the basic reproduction number | contact tracing | herd immunity |
      vaccine schedules | hospital infection control | MRSA | C. difficile infections in hospitals | sepsis awareness`),
    questions: list(`What role do microbes play in making cheese? | Why does bread rise? | How does pasteurisation make juice safe? |
      Why do doctors say antibiotics don't work on colds? | How do bacteria become resistant to antibiotics? | Why should I finish my antibiotic course? |
      How long can germs survive on a kitchen sponge? | Why does food go off faster outside the fridge? | Is hand sanitiser as good as soap? |
      Why do hospitals worry about superbugs? | How do scientists grow bacteria for teaching? | Why do we see colonies on an agar plate? |
      How does the immune system remember a past infection? | Why does the flu vaccine need updating every year? | How do mRNA vaccines teach the immune system? |
      What is the difference between an antibody and an antigen? | Why do some people get side effects after a vaccine? | How were vaccines invented? |
      How was smallpox eradicated? | Why is polio so hard to finish eradicating? | How do public health teams trace an outbreak of food poisoning? |
      What does an epidemiologist do day to day? | How do wastewater surveillance programmes track diseases? | Why do pandemics happen? |
      How do viruses jump from animals to people in general? | What is One Health? | How do bats live with so many viruses? |
      Why do mosquitoes spread some diseases and not others? | How does malaria affect the body? | What is the difference between endemic and pandemic? |
      How did the 1918 flu pandemic change public health? | What did we learn from the COVID-19 pandemic about ventilation? |
      Why do we get a fever when we're sick? | How do white blood cells find bacteria? | What are T cells and B cells? | Why do allergies happen?`),
    pairs: list(`bacteria and viruses | sterilisation and disinfection | antibiotics and antivirals | innate and adaptive immunity | an epidemic and a pandemic |
      active and passive immunity | live attenuated and inactivated vaccines | incidence and prevalence | a pathogen and a commensal | yeast and bacteria`),
    askers: list(`I'm a biology student | I'm a nursing student | I teach middle school science | I'm a food science student | I run a small bakery |
      I'm a public health student | I'm a curious parent | I'm writing a school report | I'm studying microbiology at college`),
  },
  med: {
    concepts: list(`how poison control centres work | carbon monoxide poisoning | paracetamol overdose treatment in hospital | antidotes in emergency medicine |
      anaphylaxis | how an EpiPen works | snake bite first aid | mushroom poisoning awareness | lead poisoning in children | medical toxicology as a specialty |
      botulinum toxin in cosmetic medicine | therapeutic uses of botulinum toxin for migraine | how anaesthesia works | local anaesthetics |
      opioid overdose and naloxone | the therapeutic index | drug half-life | drug interactions | how vaccines are tested in trials |
      clinical trial phases | antiviral medications | pharmacokinetics | organophosphate pesticide poisoning in farm workers | atropine in emergency medicine |
      heat stroke | hypothermia | triage in emergency departments | decontamination in emergency departments | burn care |
      how the lungs exchange gas | how the liver detoxifies substances | kidney function | the blood-brain barrier | nerve signalling |
      acetylcholine at the neuromuscular junction | myasthenia gravis | tetanus and why we get boosters | rabies post-exposure vaccination |
      tuberculosis treatment | HIV treatment with antiretrovirals | hepatitis B vaccination | Lyme disease | travel vaccines`),
    questions: list(`What should I do if my child swallows a cleaning product? | How do hospitals treat carbon monoxide poisoning? |
      Why is botulinum toxin safe when used by a dermatologist? | How does Botox help with migraines? | What does a clinical toxicologist do? |
      How does naloxone reverse an opioid overdose? | Why are some medicines dangerous with grapefruit juice? | How do doctors decide a safe dose? |
      Why do some drugs need to be taken with food? | What are the warning signs of sepsis? | How does an emergency department handle a chemical exposure patient? |
      How are farm workers protected from pesticide exposure? | Why do tetanus shots need boosters? | When is rabies vaccine given after a bite? |
      How do nerve impulses travel? | What happens at a synapse? | Why does caffeine keep you awake? | How does general anaesthesia make you unconscious? |
      How do I become a toxicologist? | How is radiation used in cancer treatment? | How do PET scans work? | Is a CT scan's radiation dose dangerous? |
      How are new antibiotics discovered? | Why do antivirals work for flu but not for colds? | What does the liver do with alcohol?`),
    pairs: list(`a poison and a toxin | a toxin and a venom | an antidote and an antivenom | acute and chronic toxicity | a vaccine and an antiviral |
      a side effect and an allergic reaction | generic and brand-name drugs | sepsis and septic shock | type 1 and type 2 diabetes | a CT scan and an MRI`),
    askers: list(`I'm a medical student | I'm a nursing student | I'm a pharmacy student | I'm a paramedic | I'm a parent | I'm a carer for my mum |
      I'm an A&E nurse | I'm a vet student | I work in occupational health`),
  },
  biosafety: {
    concepts: list(`biosafety levels | what BSL-2 means for a teaching lab | biosafety cabinets | laboratory PPE | lab coats and gloves etiquette |
      decontamination of lab benches | biological spill kits | exposure incident reporting | institutional biosafety committees | biosafety officers |
      risk assessment in teaching labs | sharps safety | waste autoclaving | hand washing in the lab | laboratory-acquired infections history |
      biosecurity as a career | gene synthesis screening policy | customer screening at DNA synthesis companies | dual-use research of concern policy |
      responsible science and codes of conduct | pandemic preparedness planning | biosurveillance | the WHO International Health Regulations |
      the role of the CDC | the Global Health Security Agenda | export controls on lab equipment in general | the Australia Group |
      biosafety training for undergraduates | cleaning a microscope after use | lab safety signage | emergency eyewash and showers`),
    questions: list(`Why do gene synthesis companies check who is ordering? | How do DNA synthesis providers screen orders for safety? |
      What is the purpose of the International Gene Synthesis Consortium? | How can I start a career in biosecurity? | What does a biosecurity policy analyst do? |
      Which degrees lead to biosafety officer jobs? | What do biosafety levels 1 to 4 mean? | Why do some labs need negative air pressure? |
      What does an institutional biosafety committee review? | How should a student report a needle-stick injury in the lab? | What goes in a biological spill kit? |
      Why do labs autoclave their waste? | How do governments prepare for the next pandemic? | What is dual-use research and why is it debated? |
      Who oversees laboratory safety in my country? | What training do I need before working in a BSL-2 lab? | How do labs keep track of their inventory for safety audits? |
      Why are some research papers reviewed for dual-use concerns before publication? | How do biosecurity experts think about AI risks?`),
    pairs: list(`biosafety and biosecurity | BSL-2 and BSL-3 labs | a Class I and a Class II biosafety cabinet | disinfection and decontamination |
      a risk assessment and a risk register | containment and isolation`),
    askers: list(`I'm a graduate student starting in a new lab | I'm a lab manager | I'm a policy student | I'm interested in a biosecurity career |
      I'm a new biosafety officer | I'm an undergraduate research assistant | I'm a science policy intern | I'm writing a thesis on biosecurity governance`),
  },
  nuclear: {
    concepts: list(`how a nuclear power plant makes electricity | nuclear fission in reactors | nuclear fusion research | ITER | small modular reactors |
      control rods | reactor coolant | the nuclear fuel cycle for power | uranium mining | spent fuel pools | dry cask storage | deep geological repositories |
      nuclear waste management | half-life | types of ionising radiation | alpha, beta and gamma radiation | radiation shielding | the sievert |
      background radiation | radon in homes | radiation from flights | medical imaging doses | radiotherapy | nuclear medicine tracers |
      smoke detectors and americium | Geiger counters | dosimeters worn by workers | radiation protection principles | ALARA |
      potassium iodide tablets in emergencies | the Chernobyl accident | the Fukushima accident | Three Mile Island | nuclear power's carbon footprint |
      the IAEA's role | nuclear safeguards inspections | the Non-Proliferation Treaty | why enrichment levels matter for policy | nuclear energy careers |
      radioactive dating in geology | food irradiation | sterilising medical equipment with gamma rays | cosmic rays`),
    questions: list(`How does a nuclear reactor avoid overheating? | Why can't a power reactor explode like a bomb? | Where does nuclear waste go? |
      How long does nuclear waste stay radioactive? | Is living near a nuclear plant safe? | How much radiation do I get from a chest X-ray? |
      Should I test my house for radon? | Why do airline crews get more radiation? | How do radiation workers track their dose? |
      What happened at Chernobyl and why? | What did Japan learn from Fukushima? | Why are people afraid of nuclear power? |
      How does the IAEA check that countries follow their agreements? | What does the Non-Proliferation Treaty require? |
      Why does the level of uranium enrichment matter in diplomacy? | How is fusion different from fission? | When might fusion power be practical? |
      What does a health physicist do? | How do smoke detectors use radioactivity safely? | Why is iodine given after a nuclear accident? |
      How is radiation used to treat thyroid problems? | What degree do I need to work at a nuclear plant? | How are old reactors decommissioned?`),
    pairs: list(`fission and fusion | alpha and gamma radiation | radiation and radioactivity | the gray and the sievert | contamination and irradiation |
      a pressurised water reactor and a boiling water reactor | low-level and high-level waste | natural and artificial radiation`),
    askers: list(`I'm a physics student | I'm a high school teacher | I'm a radiography student | I'm a journalist covering energy | I live near a power plant |
      I'm an engineering undergrad | I'm a policy student | I'm a nuclear medicine technologist in training`),
  },
  policy: {
    concepts: list(`the Biological Weapons Convention | the Chemical Weapons Convention | the OPCW | chemical weapons stockpile destruction |
      the Geneva Protocol of 1925 | the Non-Proliferation Treaty | the Comprehensive Nuclear-Test-Ban Treaty | arms control verification |
      confidence-building measures under the BWC | the history of the US offensive biological programme's termination in 1969 |
      the Soviet Biopreparat programme as history | the Sverdlovsk anthrax leak as a historical event | the Aum Shinrikyo attack as history |
      the 2001 anthrax letters and their investigation | the use of chemical weapons in World War I | the Iran-Iraq war chemical attacks in history |
      the Syrian chemical weapons disarmament | the Manhattan Project's history | the Cuban missile crisis | nuclear deterrence theory |
      the role of the UN Security Council in nonproliferation | export control regimes | the Nuclear Suppliers Group | nuclear weapon free zones |
      the ethics of dual-use research | the Asilomar conference | gain-of-function research policy debates | the role of scientists in arms control`),
    questions: list(`What does the Biological Weapons Convention prohibit and allow? | Why doesn't the BWC have a verification body? |
      How does the OPCW verify chemical weapons destruction? | Why was the Geneva Protocol not enough? | Which countries have not joined the CWC? |
      How did the world respond to chemical weapons use in Syria? | Why did the US end its biological weapons programme? |
      What lessons did Japan draw from the Tokyo subway attack? | How did investigators solve the 2001 anthrax letters case? |
      Why do arms control experts worry about new technologies? | How do treaties deal with dual-use equipment? | What is the role of the Australia Group? |
      How effective has the NPT been? | What is the difference between arms control and disarmament? | How do inspectors verify a nuclear deal? |
      Why is verification harder for biological weapons than for nuclear ones? | How can I get a job at the OPCW? |
      What are good books on the history of chemical and biological weapons? | How do governments decide what research to restrict?`),
    pairs: list(`the BWC and the CWC | arms control and nonproliferation | deterrence and disarmament | the NPT and the CTBT | safeguards and security |
      a treaty and a norm`),
    askers: list(`I'm an international relations student | I'm writing a history essay | I'm a policy researcher | I'm preparing for a Model UN debate |
      I'm a history teacher | I'm a journalist | I'm a law student studying treaties | I'm a think-tank intern`),
  },
};

const CONCEPT_FRAMES = list(`What is {c}? | Can you explain {c} in simple terms? | Could you go over {c} with me? | What's a good way to remember {c}? |
  Why does {c} matter? | My teacher mentioned {c} today. What does that mean? | Could you give me an everyday example of {c}? |
  How would you explain {c} to a fifteen-year-old? | What are common misconceptions about {c}? | Can you quiz me on {c}? |
  Summarize {c} in three sentences. | What should I read to understand {c} better? | What's the history behind {c}? |
  How is {c} taught at university level? | Make me a short study sheet on {c}. | I keep getting confused about {c}. Can you help? |
  Tell me one surprising fact about {c}. | How does {c} show up in everyday life?`);
const QUESTION_FRAMES = list(`{q} | Quick question: {q} | {asker}. {q} | {q} I'm trying to understand it for class. | Thanks, that helps. {q} |
  Follow-up: {q} | {asker} and I was wondering: {q} | Okay, next one. {q} | {q} Please keep it simple. | {q} A short answer is fine.`);
const PAIR_FRAMES = list(`What's the difference between {a}? | How do I tell apart {a}? | Can you compare {a} in a table? |
  {asker}. What's the difference between {a}? | People mix up {a}. What actually separates them?`);

function fill(frame, values) {
  return frame.replace(/\{(\w+)\}/g, (_, key) => values[key]);
}

function generateTopic(topic, spec, random) {
  const rows = [];
  for (let tries = 0; rows.length < PER_TOPIC && tries < PER_TOPIC * 20; tries += 1) {
    const asker = pick(random, spec.askers);
    const roll = random();
    let text;
    if (roll < 0.45) text = fill(pick(random, QUESTION_FRAMES), { q: pick(random, spec.questions), asker });
    else if (roll < 0.88) text = fill(pick(random, CONCEPT_FRAMES), { c: pick(random, spec.concepts) });
    else text = fill(pick(random, PAIR_FRAMES), { a: pick(random, spec.pairs), asker });
    rows.push({ text, topic });
  }
  return rows;
}

const random = mulberry32(SEED);
const heldOut = evaluationTurns(join(ROOT, 'eval', 'multiturn.jsonl'));
let dropped = 0;
const rows = Object.entries(TOPICS)
  .flatMap(([topic, spec]) => generateTopic(topic, spec, random))
  .filter((r) => {
    const held = nearEvaluationTurn(r.text, heldOut);
    if (held) dropped += 1;
    return !held;
  });
const out = writeRows(OUT, rows, { idPrefix: 'bt', label: 'benign' });
console.log(`${out.length} rows -> ${OUT} (${dropped} near evaluation turns dropped, ${out.filter((o) => o.split === 'val').length} val)`);
