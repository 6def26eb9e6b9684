#include "aaf/fictional_names.h"

#include <array>
#include <utility>

namespace sdetcheck::aafgen {
namespace {

constexpr std::array<std::string_view, 64> kSurnames = {
    "MARTIN",   "BERNARD", "THOMAS",    "PETIT",     "ROBERT",    "RICHARD",    "DURAND",
    "DUBOIS",   "MOREAU",  "LAURENT",   "SIMON",     "MICHEL",    "LEFÈVRE",    "LEROY",
    "ROUX",     "DAVID",   "BERTRAND",  "MOREL",     "FOURNIER",  "GIRARD",     "BONNET",
    "DUPONT",   "LAMBERT", "FONTAINE",  "ROUSSEAU",  "VINCENT",   "MULLER",     "FAURE",
    "ANDRÉ",    "MERCIER", "BLANC",     "GUÉRIN",    "BOYER",     "GARNIER",    "CHEVALIER",
    "FRANÇOIS", "LEGRAND", "GAUTHIER",  "GARCIA",    "PERRIN",    "ROBIN",      "CLÉMENT",
    "MORIN",    "NICOLAS", "HENRY",     "ROUSSEL",   "MATHIEU",   "GAUTIER",    "MASSON",
    "CŒUR",     "BŒUF",    "DESŒUVRES", "LE CŒUR",   "D'AUBIGNÉ", "DE LA HAŸE", "AŸMÉ",
    "NOËL",     "BENOÎT",  "BÉRANGER",  "CHÂTELAIN", "PRÉVÔT",    "CÔTÉ",       "HÉBERT",
    "MÉNARD"};

constexpr std::array<std::string_view, 40> kFemale = {
    "Zoé",      "Maëlys", "Héloïse", "Léa",    "Chloé",    "Anaïs",     "Gaëlle", "Inès",
    "Clémence", "Ève",    "Jade",    "Louise", "Emma",     "Alice",     "Lina",   "Rose",
    "Anna",     "Mila",   "Ambre",   "Julia",  "Léna",     "Agathe",    "Romane", "Mélissa",
    "Noémie",   "Éloïse", "Céleste", "Joëlle", "Aïcha",    "Françoise", "Hélène", "Sophie",
    "Claire",   "Manon",  "Camille", "Océane", "Laëtitia", "Bérénice",  "Maëlle", "Zoë"};

constexpr std::array<std::string_view, 40> kMale = {
    "Noël",  "Raphaël",  "Loïc",    "Joël",     "Mathéo",  "Gaël",     "Hugo",   "Louis",
    "Jules", "Léo",      "Arthur",  "Gabriel",  "Adam",    "Nathan",   "Théo",   "Tom",
    "Éthan", "Maël",     "Noé",     "Aurélien", "Jérôme",  "François", "Benoît", "Cédric",
    "Rémi",  "Hervé",    "Anaël",   "Ismaël",   "Mickaël", "Dorian",   "Victor", "Paul",
    "Sacha", "Timothée", "Clément", "Julien",   "Marc",    "Karim",    "Yanis",  "Élie"};

constexpr std::array<std::string_view, 12> kCompound = {
    "Marie-Zoé",    "Anne-Sophie", "Jean-Noël",   "Marie-Ève", "Pierre-Loïc",  "Louis-Gaël",
    "Rose-Héloïse", "Jean-Rémi",   "Anne-Maëlys", "Paul-Éloi", "Marie-Noëlle", "Jean-Chloé"};

constexpr std::array<std::string_view, 16> kStreets = {
    "rue des Tilleuls",     "avenue Jean Jaurès", "rue de l'Église",     "place du Marché",
    "chemin des Écoliers",  "rue Victor Hugo",    "allée des Peupliers", "rue Pasteur",
    "boulevard de la Gare", "rue du Cœur Volant", "impasse des Lilas",   "rue de la Forêt",
    "rue des Œillets",      "route de Lyon",      "rue Émile Zola",      "quai des Saules"};

constexpr std::array<std::string_view, 12> kTowns = {
    "Exempleville",  "Saint-Exemple", "Villeneuve-sur-Test", "Champ-l'Œuvre",
    "L'Haÿ-en-Test", "Bourg-Fictif",  "Mont-Essai",          "Val-Témoin",
    "Pré-Modèle",    "Îlot-Sûr",      "Château-Brouillon",   "Fontaine-Démo"};

// UTF-8 letters of the lists above and their ASCII spelling for a mail local part.
constexpr std::array<std::pair<std::string_view, std::string_view>, 36> kFold = {{
    {"à", "a"}, {"â", "a"}, {"ä", "a"},  {"ç", "c"},  {"é", "e"},  {"è", "e"},
    {"ê", "e"}, {"ë", "e"}, {"î", "i"},  {"ï", "i"},  {"ô", "o"},  {"ö", "o"},
    {"ù", "u"}, {"û", "u"}, {"ü", "u"},  {"ÿ", "y"},  {"œ", "oe"}, {"æ", "ae"},
    {"À", "a"}, {"Â", "a"}, {"Ç", "c"},  {"É", "e"},  {"È", "e"},  {"Ê", "e"},
    {"Ë", "e"}, {"Î", "i"}, {"Ï", "i"},  {"Ô", "o"},  {"Ù", "u"},  {"Û", "u"},
    {"Ü", "u"}, {"Ÿ", "y"}, {"Œ", "oe"}, {"Æ", "ae"}, {"Ö", "o"},  {"Ä", "a"},
}};

// Appends the ASCII spelling of the UTF-8 sequence at name[i] and returns its length.
size_t FoldOne(std::string_view name, size_t i, std::string* out) {
  for (const auto& [letter, ascii] : kFold) {
    if (name.substr(i, letter.size()) == letter) {
      *out += ascii;
      return letter.size();
    }
  }
  unsigned char c = static_cast<unsigned char>(name[i]);
  if (c >= 'A' && c <= 'Z') *out += static_cast<char>(c - 'A' + 'a');
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') *out += static_cast<char>(c);
  return 1;  // anything else (space, apostrophe, an unknown byte) is dropped
}

}  // namespace

std::span<const std::string_view> Surnames() { return kSurnames; }
std::span<const std::string_view> FemaleGivenNames() { return kFemale; }
std::span<const std::string_view> MaleGivenNames() { return kMale; }
std::span<const std::string_view> CompoundGivenNames() { return kCompound; }
std::span<const std::string_view> StreetNames() { return kStreets; }
std::span<const std::string_view> TownNames() { return kTowns; }

std::string AsciiMailPart(std::string_view utf8_name) {
  std::string out;
  for (size_t i = 0; i < utf8_name.size();) i += FoldOne(utf8_name, i, &out);
  return out;
}

}  // namespace sdetcheck::aafgen
